/// A node address or credential source that cannot be used. Always a configuration problem (exit status
/// `usage`): retrying does not help until a person fixes `NODE_RPC_URL` or `NODE_RPC_COOKIE_FILE`.
public struct NodeEndpointError: ChainETLError, Equatable {
    /// What exactly is wrong.
    public enum Reason: Sendable, Equatable {
        case notAURL, unsupportedScheme, missingHost, badPort, badPercentEncoding, credentialsTwice
        case cookieMissing, cookieUnreadable, cookieMalformed
    }

    /// What is wrong.
    public var reason: Reason
    /// The URL (password masked) or the cookie file path the problem is in.
    public var subject: String

    /// Builds an error about `subject`, which callers must already have masked.
    public init(_ reason: Reason, subject: String) {
        self.reason = reason
        self.subject = subject
    }

    public var exitStatus: ExitStatus { .usage }

    public var description: String {
        switch reason {
        case .notAURL:
            return "NODE_RPC_URL \(subject) is not a URL; write it like http://user:password@127.0.0.1:8332"
        case .unsupportedScheme:
            return "NODE_RPC_URL \(subject) must start with http:// or https://"
        case .missingHost:
            return "NODE_RPC_URL \(subject) has no host; write it like http://user:password@127.0.0.1:8332"
        case .badPort:
            return "NODE_RPC_URL \(subject) has an invalid port; use a number from 1 to 65535"
        case .badPercentEncoding:
            return "NODE_RPC_URL \(subject) has invalid percent-encoding in the user or password; encode special characters as %XX"
        case .credentialsTwice:
            return "NODE_RPC_URL \(subject) has credentials and NODE_RPC_COOKIE_FILE is set too; use one of them"
        case .cookieMissing:
            return "cookie file \(subject) does not exist; is the node running, and is NODE_RPC_COOKIE_FILE its datadir's .cookie?"
        case .cookieUnreadable:
            return "cookie file \(subject) cannot be read; run the tool as a user that may read the node's datadir"
        case .cookieMalformed:
            return "cookie file \(subject) does not start with a user:password line; point NODE_RPC_COOKIE_FILE at the node's .cookie file"
        }
    }
}
