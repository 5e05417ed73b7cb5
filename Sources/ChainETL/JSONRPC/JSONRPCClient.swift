import Foundation

/// Calls a bitcoind-compatible node's JSON-RPC methods over one kept-alive HTTP connection.
///
/// Not `Sendable`, like the `HTTPClient` it owns: one client per worker thread. Transport failures throw
/// `HTTPError`, unusable answers `NodeAnswerError`, and node-side refusals `JSONRPCError` (for `call`) or a
/// `.failure` per call (for batches), so the scraper can tell "no such block" from "node down".
public final class JSONRPCClient {
    /// The node URL, without credentials; safe to log.
    public var url: String { http.configuration.url }
    /// TCP connections opened so far; stays at 1 while keep-alive works.
    public var connectionsOpened: Int { connectionsOfEarlierClients + http.connectionsOpened }

    private var http: HTTPClient
    /// Connections opened by the HTTP clients a renewed cookie replaced.
    private var connectionsOfEarlierClients = 0
    /// Where a renewed cookie is read from; nil unless the node is authenticated by a cookie file.
    private let endpoint: NodeEndpoint?
    private let decoder = JSONDecoder()
    private var nextID = 1

    /// Wraps an HTTP client configured for the node.
    public init(http: HTTPClient) {
        self.http = http
        endpoint = nil
    }

    /// Connects to `endpoint`, reading a cookie file now (not earlier) so a restarted node's new cookie counts.
    public init(
        endpoint: NodeEndpoint,
        connectTimeout: Duration = .seconds(5),
        requestTimeout: Duration = .seconds(120)
    ) throws {
        let configuration = try endpoint.clientConfiguration(connectTimeout: connectTimeout, requestTimeout: requestTimeout)
        http = try HTTPClient(configuration)
        if case .cookieFile = endpoint.authentication { self.endpoint = endpoint } else { self.endpoint = nil }
    }

    /// Calls `method` and decodes its result as `R`; a node error is thrown as `JSONRPCError`.
    public func call<R: Decodable>(_ method: String, _ params: [JSONValue] = [], as type: R.Type = R.self) throws -> R {
        let call = JSONRPCCall(method, params)
        let (body, outcomes) = try exchange([call], isBatch: false)
        return try decode(R.self, from: body, span: outcomes[0].get(), method: method)
    }

    /// Calls `method` and returns its result's raw JSON text, undecoded. The answer's envelope is cut off in
    /// place rather than the result copied out: a block's result is ~9 MB, and a copy per worker in flight was
    /// a fifth of scrape's peak memory.
    public func rawCall(_ method: String, _ params: [JSONValue] = []) throws -> [UInt8] {
        var (body, outcomes) = try exchange([JSONRPCCall(method, params)], isBatch: false)
        let span = try outcomes[0].get()
        body.removeSubrange(span.upperBound...)
        body.removeSubrange(..<span.lowerBound)
        return body
    }

    /// Sends `calls` as one batch and decodes each result as `R`, in request order whatever order the node
    /// answered in. Node errors of single calls come back as `.failure`; anything else throws.
    public func batch<R: Decodable>(_ calls: [JSONRPCCall], as type: R.Type = R.self) throws -> [Result<R, JSONRPCError>] {
        guard !calls.isEmpty else { return [] }
        let (body, outcomes) = try exchange(calls, isBatch: true)
        return try zip(calls, outcomes).map { call, outcome in
            switch outcome {
            case .success(let span): return .success(try decode(R.self, from: body, span: span, method: call.method))
            case .failure(let error): return .failure(error)
            }
        }
    }

    /// Like `batch`, but hands back each result's exact JSON text, so the scraper can decode blocks with its
    /// own models (or store them) without this client parsing 10 MB twice.
    public func rawBatch(_ calls: [JSONRPCCall]) throws -> [Result<[UInt8], JSONRPCError>] {
        guard !calls.isEmpty else { return [] }
        let (body, outcomes) = try exchange(calls, isBatch: true)
        return outcomes.map { $0.map { Array(body[$0]) } }
    }

    /// Posts the request(s) and classifies the answer.
    private func exchange(_ calls: [JSONRPCCall], isBatch: Bool) throws -> ([UInt8], [Result<Range<Int>, JSONRPCError>]) {
        let firstID = nextID
        nextID += calls.count
        let request: [UInt8]
        if isBatch {
            request = JSONRPCRequestWriter.writeBatch(calls, firstID: firstID)
        } else {
            var bytes: [UInt8] = []
            JSONRPCRequestWriter.write(calls[0], id: firstID, into: &bytes)
            request = bytes
        }
        var response = try http.post(request)
        if response.status == 401, let renewed = renewedClient() {
            connectionsOfEarlierClients += http.connectionsOpened
            http = renewed
            response = try http.post(request)
        }
        let outcomes = try JSONRPCAnswer.outcomes(
            status: response.status, body: response.body, calls: calls, firstID: firstID, isBatch: isBatch, url: url)
        return (response.body, outcomes)
    }

    /// A node restarted during the run writes a new cookie, and refuses the one this client was made with.
    /// When the cookie file now holds other credentials, a client with those replaces this one and the
    /// refused request is sent once more; otherwise (same cookie, no cookie file, or none readable) the 401
    /// stands and ends the run as refused credentials.
    private func renewedClient() -> HTTPClient? {
        guard let endpoint, let credentials = try? endpoint.currentCredentials(),
              credentials != http.configuration.credentials
        else { return nil }
        var configuration = http.configuration
        configuration.credentials = credentials
        return try? HTTPClient(configuration)
    }

    private func decode<R: Decodable>(_ type: R.Type, from body: [UInt8], span: Range<Int>, method: String) throws -> R {
        do {
            return try decoder.decode(R.self, from: Data(body[span]))
        } catch {
            throw NodeAnswerError(.undecodableResult(method: method, detail: Self.summary(of: error)), url: url)
        }
    }

    /// One line naming the field path, instead of DecodingError's multi-line dump.
    private static func summary(of error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c): context = c
        @unknown default: return "\(error)"
        }
        let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        return "\(path.isEmpty ? "result" : path): \(context.debugDescription)"
    }
}
