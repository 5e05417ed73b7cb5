/// An error object the node returned for one call (`{"code":-8,"message":"..."}`): the node understood the
/// request and refused it. Whether retrying helps depends on the code, which is why the common bitcoind
/// codes are named.
public struct JSONRPCError: ChainETLError, Equatable {
    /// A JSON-RPC error code; the named values are bitcoind's (src/rpc/protocol.h).
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// `RPC_MISC_ERROR`: a failure the node did not classify.
        public static let miscError = Code(rawValue: -1)
        /// `RPC_INVALID_ADDRESS_OR_KEY`: e.g. a block hash or txid the node does not know.
        public static let notFound = Code(rawValue: -5)
        /// `RPC_INVALID_PARAMETER`: e.g. a height beyond the tip.
        public static let invalidParameter = Code(rawValue: -8)
        /// `RPC_IN_WARMUP`: the node is still loading its block index; worth retrying.
        public static let warmingUp = Code(rawValue: -28)
        /// Standard JSON-RPC: the request was not valid JSON.
        public static let parseError = Code(rawValue: -32700)
        /// Standard JSON-RPC: the request object was not valid.
        public static let invalidRequest = Code(rawValue: -32600)
        /// Standard JSON-RPC: this node has no such method (old version, disabled wallet, other chain).
        public static let methodNotFound = Code(rawValue: -32601)
        /// Standard JSON-RPC: wrong parameter types or count.
        public static let invalidParams = Code(rawValue: -32602)
        /// Standard JSON-RPC: the server failed internally.
        public static let internalError = Code(rawValue: -32603)

        /// A short name for messages, e.g. "-28 warming up".
        public var description: String {
            let names: [Int: String] = [
                -1: "misc error", -5: "not found", -8: "invalid parameter", -28: "warming up",
                -32700: "parse error", -32600: "invalid request", -32601: "method not found",
                -32602: "invalid params", -32603: "internal error",
            ]
            return names[rawValue].map { "\(rawValue) \($0)" } ?? String(rawValue)
        }
    }

    /// The node's error code.
    public var code: Code
    /// The node's error message.
    public var message: String
    /// The method that was called ("batch" when the node rejected a whole batch).
    public var method: String
    /// The node's URL, password masked.
    public var url: String

    /// Builds an error; the URL is masked here.
    public init(code: Code, message: String, method: String, url: String) {
        self.code = code
        self.message = message
        self.method = method
        self.url = SecretMasking.masked(url)
    }

    /// A warming-up node, and a node that failed internally (HTTP 500 with -32603), are expected to answer
    /// differently later; every other code is the node's considered refusal.
    public var isTransient: Bool { code == .warmingUp || code == .internalError }

    public var exitStatus: ExitStatus { .failure }

    public var description: String {
        "node at \(url) answered \(method) with error \(code): \(message)\(advice)"
    }

    private var advice: String {
        switch code {
        case .warmingUp: return "; the node is starting, retry in a minute"
        case .methodNotFound: return "; the node does not offer this call: check CHAIN and the node's version and settings"
        case .notFound, .invalidParameter: return "; the node does not have this data: check the height/hash, or whether it is pruned or has txindex"
        default: return ""
        }
    }
}
