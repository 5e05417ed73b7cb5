public import Foundation

/// The node's JSON-RPC address split from its credentials.
///
/// `NODE_RPC_URL` carries `user:password@` for convenience, but libcurl should get the credentials as options
/// (so they are percent-decoded correctly and never echoed in a URL), and cookie authentication needs the
/// password read from a file that the node rewrites at every restart.
public struct NodeEndpoint: Sendable, Equatable {
    /// How the node is authenticated.
    public enum Authentication: Sendable, Equatable {
        /// No credentials (a node behind a trusted proxy, or a test server).
        case none
        /// `rpcuser`/`rpcpassword` given in the URL.
        case basic(BasicCredentials)
        /// bitcoind's cookie file; read each time a client is created, and again when the node refuses it.
        case cookieFile(path: String)
    }

    /// The URL without user info: safe to log and to hand to libcurl.
    public var url: String
    /// Where the credentials come from.
    public var authentication: Authentication

    /// Splits `rpcURL` (e.g. `http://user:p%40ss@127.0.0.1:8332`) into URL and credentials. When
    /// `cookieFile` is given the URL must not carry credentials too: two sources of truth is a config error.
    public init(rpcURL: String, cookieFile: String? = nil) throws(NodeEndpointError) {
        let parsed = try Self.split(rpcURL)
        url = parsed.url
        switch (parsed.credentials, cookieFile) {
        case (let credentials?, nil): authentication = .basic(credentials)
        case (nil, let path?): authentication = .cookieFile(path: path)
        case (nil, nil): authentication = .none
        case (_?, _?): throw NodeEndpointError(.credentialsTwice, subject: SecretMasking.masked(rpcURL))
        }
    }

    /// Convenience for a Foundation `URL` as `Configuration` holds it.
    public init(rpcURL: URL, cookieFile: String? = nil) throws(NodeEndpointError) {
        try self.init(rpcURL: rpcURL.absoluteString, cookieFile: cookieFile)
    }

    /// The credentials to use now: for cookie authentication this reads the file at this moment, so a
    /// client created after a node restart picks up the new cookie.
    public func currentCredentials() throws(NodeEndpointError) -> BasicCredentials? {
        switch authentication {
        case .none: return nil
        case .basic(let credentials): return credentials
        case .cookieFile(let path): return try CookieFile.read(path: path)
        }
    }

    /// A client configuration with the current credentials and the given deadlines.
    public func clientConfiguration(
        connectTimeout: Duration = .seconds(5),
        requestTimeout: Duration = .seconds(120)
    ) throws(NodeEndpointError) -> HTTPClientConfiguration {
        HTTPClientConfiguration(url: url, credentials: try currentCredentials(),
                                connectTimeout: connectTimeout, requestTimeout: requestTimeout)
    }

    /// Pure parsing of `scheme://[user[:password]@]host[:port][/path]`; user and password percent-decoded.
    static func split(_ text: String) throws(NodeEndpointError) -> (url: String, credentials: BasicCredentials?) {
        let shown = SecretMasking.masked(text)
        guard let schemeEnd = text.range(of: "://") else { throw NodeEndpointError(.notAURL, subject: shown) }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { throw NodeEndpointError(.unsupportedScheme, subject: shown) }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var hostPort = authority
        var credentials: BasicCredentials?
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            let colon = userInfo.firstIndex(of: ":")
            let rawUser = userInfo[..<(colon ?? userInfo.endIndex)]
            let rawPassword = colon.map { userInfo[userInfo.index(after: $0)...] } ?? ""
            guard let user = String(rawUser).removingPercentEncoding,
                  let password = String(rawPassword).removingPercentEncoding
            else { throw NodeEndpointError(.badPercentEncoding, subject: shown) }
            credentials = BasicCredentials(user: user, password: password)
        }
        try validate(hostPort: hostPort, shown: shown)
        return (String(text[..<schemeEnd.upperBound]) + hostPort + rest[authorityEnd...], credentials)
    }

    private static func validate(hostPort: Substring, shown: String) throws(NodeEndpointError) {
        var host = hostPort
        var port: Substring?
        if hostPort.hasPrefix("[") {  // IPv6 literal
            guard let close = hostPort.firstIndex(of: "]") else { throw NodeEndpointError(.missingHost, subject: shown) }
            host = hostPort[...close]
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") { port = after.dropFirst() }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = hostPort[..<colon]
            port = hostPort[hostPort.index(after: colon)...]
        }
        guard !host.isEmpty else { throw NodeEndpointError(.missingHost, subject: shown) }
        if let port {
            guard let number = Int(port), (1...65_535).contains(number) else {
                throw NodeEndpointError(.badPort, subject: shown)
            }
        }
    }
}
