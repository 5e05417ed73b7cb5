/// Where an `HTTPClient` posts and how long it may take. Deadlines are part of the configuration because a
/// batch job must never wait forever on a hung node: the whole request, not just each read, is bounded.
public struct HTTPClientConfiguration: Sendable, Equatable {
    /// The URL every request is posted to, without user info (credentials go in `credentials`).
    public var url: String
    /// Basic-auth credentials, or `nil` for none.
    public var credentials: BasicCredentials?
    /// How long establishing a TCP connection may take.
    public var connectTimeout: Duration
    /// The deadline for a whole request: connect, send, wait, and receive the complete body.
    public var requestTimeout: Duration

    /// Defaults suit a local node: 5 s to connect, 120 s per request (large verbose blocks take seconds).
    public init(
        url: String,
        credentials: BasicCredentials? = nil,
        connectTimeout: Duration = .seconds(5),
        requestTimeout: Duration = .seconds(120)
    ) {
        self.url = url
        self.credentials = credentials
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
    }
}

extension Duration {
    /// Whole milliseconds, at least 1, for curl's `_MS` options (0 would mean "no limit" to curl).
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
