/// Turns libpq's connection-failure text into the short reason, the advice a user can act on, and whether
/// trying again later may help. libpq gives no SQLSTATE when a connection fails, only an English message, so
/// this is the one place that reads message text. Pure logic: tested without a server.
public struct ConnectFailureDiagnosis: Sendable, Equatable {
    /// libpq's message without its "connection to server at ... failed:" preamble, on one line.
    public var reason: String
    /// What to check or do next.
    public var advice: String
    /// Whether the cause may go away by itself (server down or starting, network timeout).
    public var isTransient: Bool

    /// Diagnoses `libpqMessage` for a connection aimed at `hostAndPort` (`127.0.0.1:5432` or a socket directory).
    public init(libpqMessage: String, hostAndPort: String) {
        reason = Self.reason(from: libpqMessage)
        let text = libpqMessage.lowercased()
        func has(_ needle: String) -> Bool { text.contains(needle) }
        if has("password authentication failed") || has("no password supplied") || has("authentication failed") {
            advice = "check the password in the connection URL, PGPASSWORD or ~/.pgpass"
            isTransient = false
        } else if has("role") && has("does not exist") {
            advice = "check the user name in the connection URL or PGUSER"
            isTransient = false
        } else if has("database") && has("does not exist") {
            advice = "create the database or fix the database name in the connection URL or PGDATABASE"
            isTransient = false
        } else if has("no pg_hba.conf entry") {
            advice = "allow this client in the server's pg_hba.conf, or connect as a permitted user"
            isTransient = false
        } else if has("could not translate host name") || has("name or service not known") {
            advice = "check the host name in the connection URL or PGHOST"
            isTransient = false
        } else if has("invalid connection option") || has("invalid uri") || has("missing \"=\"")
            || has("unterminated quoted string") || has("invalid integer value") || has("invalid percent-encoded")
            || has("invalid port") || has("invalid value") || has("invalid sslmode")
        {
            advice = "fix the connection string (a postgresql:// URI or key=value pairs)"
            isTransient = false
        } else if has("hot standby mode is disabled") {
            advice = "this server is a standby that accepts no connections (hot_standby = off): connect to the primary"
            isTransient = false
        } else if has("connection refused") || has("no such file or directory") {
            advice = "is the PostgreSQL server running and accepting connections at \(hostAndPort)?"
            isTransient = true
        } else if has("timeout expired") || has("timed out") {
            advice = "check that \(hostAndPort) is reachable from this machine (network, firewall) and the server is up"
            isTransient = true
        } else if has("the database system is starting up") || has("shutting down") || has("too many")
            || has("in recovery mode") || has("not yet accepting connections")
            || has("not accepting connections")
        {
            advice = "the server is busy or restarting; try again later"
            isTransient = true
        } else {
            advice = "check the connection URL and the PG* environment variables"
            isTransient = false
        }
    }

    /// Drops libpq's "connection to server at "h", port p failed:" preambles and "FATAL:" tags, keeps one line.
    static func reason(from message: String) -> String {
        var lines: [String] = []
        for rawLine in message.split(whereSeparator: { $0 == "\n" }) {
            var line = Substring(rawLine)
            if line.hasPrefix("connection to server"), let range = line.range(of: " failed: ") {
                line = line[range.upperBound...]
            }
            for tag in ["FATAL:", "ERROR:"] where line.hasPrefix(tag) {
                line = line.dropFirst(tag.count)
            }
            let trimmed = PostgresError.oneLine(String(line))
            // libpq's own hint ("Is the server running...") repeats what our advice says.
            if !trimmed.isEmpty, !trimmed.hasPrefix("Is the server running"), !lines.contains(trimmed) {
                lines.append(trimmed)
            }
        }
        return lines.joined(separator: "; ")
    }
}
