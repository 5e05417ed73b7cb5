/// Why an HTTP exchange with a server failed, classified so retry loops know what is worth retrying and the
/// user learns what to check. The URL in every message has its password masked.
public struct HTTPError: ChainETLError, Equatable {
    /// The classes of failure that call for different reactions.
    public enum Kind: Sendable, Equatable {
        /// The whole-request deadline passed (a slow or hung server). Transient.
        case timeout
        /// Nothing accepts connections at the address: the server is down or the URL is wrong. Permanent.
        case connectionRefused
        /// The host name does not resolve. Permanent.
        case unknownHost
        /// The connection was reset or closed before a complete answer, or the server sent nothing. Transient.
        case connectionLost
        /// The answer ended before the announced `Content-Length` (curl's "partial file"). Transient.
        case truncatedBody
        /// Any other libcurl failure, with curl's code.
        case other(curlCode: Int)
    }

    /// The class of failure.
    public var kind: Kind
    /// The URL that was requested, password masked.
    public var url: String
    /// libcurl's own explanation, for the person reading the message.
    public var detail: String

    /// Builds an error; `url` is masked here so no caller can forget to.
    public init(kind: Kind, url: String, detail: String) {
        self.kind = kind
        self.url = SecretMasking.masked(url)
        self.detail = SecretMasking.masked(detail)
    }

    public var exitStatus: ExitStatus {
        if case .other(let code) = kind, code == 1 || code == 3 { return .usage }  // unsupported protocol, bad URL
        return .failure
    }

    public var isTransient: Bool {
        switch kind {
        case .timeout, .connectionLost, .truncatedBody: return true
        case .connectionRefused, .unknownHost, .other: return false
        }
    }

    /// `host:port` of the URL, the part a user compares with the node's `rpcbind`/`rpcport`.
    private var hostAndPort: String {
        let afterScheme = url.range(of: "://").map { url[$0.upperBound...] } ?? Substring(url)
        let authority = afterScheme.prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" })
        return String(authority.split(separator: "@").last ?? authority)
    }

    public var description: String {
        switch kind {
        case .timeout:
            return "HTTP request to \(url) timed out (\(detail)); the node is slow or hung, retry later or raise the timeout"
        case .connectionRefused:
            return "connection to \(url) refused: nothing listens at \(hostAndPort); is the node running / is NODE_RPC_URL right?"
        case .unknownHost:
            return "host of \(url) does not resolve (\(detail)); check the host name in NODE_RPC_URL"
        case .connectionLost:
            return "connection to \(url) was lost before a complete answer (\(detail)); the node may have restarted, retry later"
        case .truncatedBody:
            return "answer from \(url) was truncated (\(detail)); the node or network cut it short, retry later"
        case .other(let code):
            return "HTTP request to \(url) failed: curl error \(code): \(detail)"
        }
    }
}
