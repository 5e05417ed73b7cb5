/// The node's HTTP answer could not be used as a JSON-RPC answer at all: refused credentials, an overloaded
/// node, a cut-short or malformed body, or answers that do not match the requests.
public struct NodeAnswerError: ChainETLError, Equatable {
    /// What went wrong with the answer.
    public enum Kind: Sendable, Equatable {
        /// HTTP 401: wrong user/password or a stale cookie. Permanent.
        case unauthorized
        /// HTTP 403: the node does not allow this client's address (`rpcallowip`). Permanent.
        case forbidden
        /// HTTP 503 "Work queue depth exceeded": too many requests in flight. Transient.
        case workQueueFull
        /// An HTTP status without a usable JSON-RPC body; transient for 5xx.
        case httpStatus(Int)
        /// The body is not valid JSON or is cut short. Transient: usually a node or proxy in trouble.
        case malformed(String)
        /// The ids in a batch answer do not match the requests (missing, duplicate, or unknown). Permanent.
        case idMismatch(String)
        /// A result is valid JSON but not of the expected shape. Permanent: a code or node-version mismatch.
        case undecodableResult(method: String, detail: String)
    }

    /// What went wrong.
    public var kind: Kind
    /// The node's URL, password masked.
    public var url: String

    /// Builds an error; the URL is masked here.
    public init(_ kind: Kind, url: String) {
        self.kind = kind
        self.url = SecretMasking.masked(url)
    }

    public var isTransient: Bool {
        switch kind {
        case .workQueueFull, .malformed: return true
        case .httpStatus(let status): return status >= 500
        case .unauthorized, .forbidden, .idMismatch, .undecodableResult: return false
        }
    }

    /// Refused credentials or a refused client address are configuration to fix (exit 2, as a refused database
    /// password is); the rest are failures of the node or of its answers.
    public var exitStatus: ExitStatus {
        switch kind {
        case .unauthorized, .forbidden: .usage
        default: .failure
        }
    }

    public var description: String {
        switch kind {
        case .unauthorized:
            return "node at \(url) refused the credentials (HTTP 401); check the user and password in NODE_RPC_URL against the node's rpcuser/rpcpassword, or NODE_RPC_COOKIE_FILE"
        case .forbidden:
            return "node at \(url) forbids this client (HTTP 403); allow this address with rpcallowip on the node"
        case .workQueueFull:
            return "node at \(url) is overloaded (HTTP 503, work queue depth exceeded); lower NODE_RPC_CONCURRENCY or raise the node's rpcworkqueue"
        case .httpStatus(let status):
            return "node at \(url) answered HTTP \(status) without a JSON-RPC body; check that NODE_RPC_URL points at the node's RPC port"
        case .malformed(let detail):
            return "node at \(url) sent a truncated/malformed answer (\(detail)); retry later"
        case .idMismatch(let detail):
            return "node at \(url) sent a batch answer that does not match the requests (\(detail)); is a proxy between us and the node?"
        case .undecodableResult(let method, let detail):
            return "node at \(url) answered \(method) with a result of unexpected shape (\(detail)); check CHAIN and the node's version"
        }
    }
}
