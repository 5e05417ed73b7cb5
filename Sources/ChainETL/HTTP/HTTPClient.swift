import CCurl

/// Posts request bodies to one URL over one kept-alive connection.
///
/// Owns a single libcurl easy handle that is reused (never reset) across requests, so consecutive requests
/// travel over the same TCP connection: per-request connection set-up would dominate small RPC calls.
/// Not `Sendable`: a handle belongs to one thread or task at a time; parallel workers each create a client.
public final class HTTPClient {
    /// The status and complete body of one answer.
    public struct Response: Sendable {
        /// The HTTP status code (200, 401, 500, ...).
        public var status: Int
        /// The body bytes exactly as received.
        public var body: [UInt8]
    }

    /// The configuration this client was created with.
    public let configuration: HTTPClientConfiguration
    /// How many TCP connections this client has opened so far; stays at 1 while keep-alive works.
    public private(set) var connectionsOpened = 0

    private let handle: UnsafeMutableRawPointer
    private let headers: UnsafeMutablePointer<curl_slist>
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let sink: ResponseSink
    private static let emptyBody: [UInt8] = [0]

    /// Creates the handle and applies every option once. Throws only when libcurl cannot be initialised.
    public init(_ configuration: HTTPClientConfiguration) throws(HTTPError) {
        guard CurlGlobal.isInitialized, let handle = curl_easy_init() else {
            throw HTTPError(kind: .other(curlCode: Int(CURLE_FAILED_INIT.rawValue)), url: configuration.url,
                            detail: "libcurl could not be initialised")
        }
        self.configuration = configuration
        self.handle = handle
        self.errorBuffer = .allocate(capacity: Int(CHAIN_ETL_CURL_ERROR_SIZE) + 1)
        self.errorBuffer.initialize(repeating: 0, count: Int(CHAIN_ETL_CURL_ERROR_SIZE) + 1)
        var list = curl_slist_append(nil, "Content-Type: application/json")
        list = curl_slist_append(list, "Expect:")
        self.headers = list!
        self.sink = ResponseSink(handle: handle)

        chain_etl_curl_setopt_string(handle, CURLOPT_URL, configuration.url)
        chain_etl_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        chain_etl_curl_setopt_long(handle, CURLOPT_POST, 1)
        chain_etl_curl_setopt_long(handle, CURLOPT_TCP_NODELAY, 1)
        chain_etl_curl_setopt_long(handle, CURLOPT_BUFFERSIZE, 512 * 1024)  // fewer callbacks for 10 MB blocks
        chain_etl_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.curlMilliseconds)
        chain_etl_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, configuration.requestTimeout.curlMilliseconds)
        chain_etl_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headers)
        chain_etl_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        chain_etl_curl_setopt_write_function(handle, responseSinkWrite)
        chain_etl_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, Unmanaged.passUnretained(sink).toOpaque())
        if let credentials = configuration.credentials {
            chain_etl_curl_setopt_long(handle, CURLOPT_HTTPAUTH, CHAIN_ETL_CURLAUTH_BASIC)
            chain_etl_curl_setopt_string(handle, CURLOPT_USERNAME, credentials.user)
            chain_etl_curl_setopt_string(handle, CURLOPT_PASSWORD, credentials.password)
        }
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headers)
        errorBuffer.deallocate()
    }

    /// Posts `body` and returns the answer whatever its status; only transport failures throw, because
    /// JSON-RPC servers put meaningful error objects in 4xx/5xx bodies.
    public func post(_ body: [UInt8]) throws(HTTPError) -> Response {
        sink.reset()
        errorBuffer[0] = 0
        // libcurl does not copy POSTFIELDS: the buffer must stay valid for the whole perform.
        let code = (body.isEmpty ? Self.emptyBody : body).withUnsafeBufferPointer { buffer -> CURLcode in
            chain_etl_curl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            chain_etl_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress))
            defer { chain_etl_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, nil) }
            return curl_easy_perform(handle)
        }
        var connects = 0
        chain_etl_curl_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects)
        connectionsOpened += connects
        guard code == CURLE_OK else { throw error(for: code) }
        var status = 0
        chain_etl_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return Response(status: status, body: sink.takeBody())
    }

    private func error(for code: CURLcode) -> HTTPError {
        let bufferText = String(cString: errorBuffer)
        let detail = bufferText.isEmpty ? String(cString: curl_easy_strerror(code)) : bufferText
        var osErrno = 0
        chain_etl_curl_getinfo_long(handle, CURLINFO_OS_ERRNO, &osErrno)
        return HTTPError(kind: Self.kind(of: code, osErrno: Int32(osErrno)), url: configuration.url, detail: detail)
    }

    /// Maps curl's result codes to the failure classes retry logic and users care about.
    static func kind(of code: CURLcode, osErrno: Int32) -> HTTPError.Kind {
        switch code {
        case CURLE_OPERATION_TIMEDOUT: return .timeout
        case CURLE_COULDNT_RESOLVE_HOST: return .unknownHost
        case CURLE_COULDNT_CONNECT where osErrno == ECONNREFUSED_VALUE: return .connectionRefused
        case CURLE_COULDNT_CONNECT: return .connectionLost  // unreachable network: may recover
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR: return .connectionLost
        case CURLE_PARTIAL_FILE: return .truncatedBody
        default: return .other(curlCode: Int(code.rawValue))
        }
    }
}

/// `ECONNREFUSED` without importing Glibc into the public surface.
private let ECONNREFUSED_VALUE: Int32 = 111

/// Accumulates a response body. A class so the C write callback can reach it through an opaque pointer.
private final class ResponseSink {
    let handle: UnsafeMutableRawPointer
    var body: [UInt8] = []
    var reserved = false

    init(handle: UnsafeMutableRawPointer) { self.handle = handle }

    func reset() {
        body = []
        reserved = false
    }

    func takeBody() -> [UInt8] {
        defer { body = [] }
        return body
    }

    /// Reserves the announced length once, so a 10 MB body is not regrown and copied a dozen times.
    func append(_ bytes: UnsafeRawBufferPointer) {
        if !reserved {
            reserved = true
            var length: curl_off_t = -1
            chain_etl_curl_getinfo_off_t(handle, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length)
            body.reserveCapacity(length > 0 ? Int(length) : 64 * 1024)
        }
        body.append(contentsOf: bytes)
    }
}

/// The libcurl write callback: appends each chunk to the sink passed as `CURLOPT_WRITEDATA`.
private func responseSinkWrite(data: UnsafeMutablePointer<CChar>?, size: Int, count: Int, context: UnsafeMutableRawPointer?) -> Int {
    guard let context else { return 0 }
    let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
    sink.append(UnsafeRawBufferPointer(start: data, count: size * count))
    return size * count
}
