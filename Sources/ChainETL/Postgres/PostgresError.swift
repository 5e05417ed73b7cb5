/// Everything that can go wrong talking to PostgreSQL, as one typed error: the fields the server reported
/// (SQLSTATE, message, detail, hint) plus where it happened, so a tool can branch on the code and still print
/// one actionable line. Passwords never appear: `location` is built from libpq's host/port/dbname and every
/// message that could echo a connection string is masked.
public struct PostgresError: ChainETLError, Equatable {
    /// Which part of the conversation failed; decides the exit status and whether a retry can help.
    public enum Kind: Sendable, Equatable {
        /// The connection could not be opened (refused, authentication, unknown database, bad conninfo).
        case connect
        /// The server rejected a statement; `sqlState` says why.
        case server
        /// The connection broke while in use.
        case connectionLost
        /// The API was used in a way that cannot work (a nested transaction, a COPY that did not start).
        case misuse
        /// A column's text could not be turned into the requested Swift type.
        case decoding
    }

    /// Which part of the conversation failed.
    public var kind: Kind
    /// The five-character SQLSTATE, when the server sent one.
    public var sqlState: String?
    /// The primary message (server text or libpq's), one line.
    public var message: String
    /// The server's DETAIL line (for example the duplicate key), if any.
    public var detail: String?
    /// The server's HINT line, if any.
    public var hint: String?
    /// Where: `database "x" on host:port` (never with a password).
    public var location: String
    /// The start of the statement that failed, to tell which step of a tool it was.
    public var statement: String?
    /// What the user can do about it, when we know better than the server.
    public var advice: String?
    /// Whether a retry later may help (decided when the error is built, e.g. "connection refused").
    public var isRetryable: Bool

    /// Builds an error; `isRetryable` defaults to what the SQLSTATE and kind imply.
    public init(
        kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil, hint: String? = nil,
        location: String, statement: String? = nil, advice: String? = nil, isRetryable: Bool? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.location = location
        self.statement = statement.map(Self.abbreviated)
        self.advice = advice
        self.isRetryable = isRetryable ?? (kind == .connectionLost || SQLState.isTransient(sqlState))
    }

    /// A unique constraint refused the row (23505): usually "already loaded", which callers may treat as such.
    public var isUniqueViolation: Bool { sqlState == SQLState.uniqueViolation }
    /// A serialization failure or deadlock (40001/40P01): rerunning the whole transaction is the cure.
    public var isRetryableTransactionFailure: Bool { SQLState.isRetryableTransactionFailure(sqlState) }
    /// The statement was cancelled (57014), by a timeout or on purpose.
    public var isCancelled: Bool { sqlState == SQLState.queryCanceled }
    /// The connection itself failed (class 08, a lost connection, or one that never opened).
    public var isConnectionFailure: Bool {
        kind == .connect || kind == .connectionLost || SQLState.isConnectionException(sqlState)
    }

    public var isTransient: Bool { isRetryable }

    /// Configuration mistakes (bad password, unknown database, malformed URL) are usage errors; the rest are
    /// failures after retries.
    public var exitStatus: ExitStatus {
        (kind == .connect && !isRetryable) || kind == .misuse ? .usage : .failure
    }

    public var description: String {
        var line = kind == .connect ? "cannot connect to PostgreSQL \(location): \(message)" :
            "PostgreSQL \(sqlState.map { "error \($0)" } ?? "error") on \(location): \(message)"
        if let detail, !detail.isEmpty { line += " (\(detail))" }
        if let statement { line += " while running \"\(statement)\"" }
        if let advice { line += "; \(advice)" } else if let hint, !hint.isEmpty { line += "; hint: \(hint)" }
        return SecretMasking.masked(Self.oneLine(line))
    }

    /// Collapses the multi-line text libpq produces into one line.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\t" })
            .map { $0.trimmingSpaces() }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    /// Keeps the first line of a statement, at most 80 characters: enough to recognise it.
    static func abbreviated(_ sql: String) -> String {
        let compact = oneLine(sql)
        return compact.count > 80 ? String(compact.prefix(77)) + "..." : compact
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
