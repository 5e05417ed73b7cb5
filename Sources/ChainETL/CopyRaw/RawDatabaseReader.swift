public import Logging

/// Reads the landing zone for copy-raw, reconnecting when the raw database (often a remote server) drops the
/// connection: reads are idempotent, so a dropped read is simply repeated within the retry budget.
public final class RawDatabaseReader {
    private let connectionString: String
    private let logger: Logger
    private let retryPolicy: RetryPolicy
    private var connection: PostgresConnection?

    /// Connects to `connectionString` (`RAW_DATABASE_URL`) now, so a wrong URL fails before any work.
    public init(connectionString: String, retryPolicy: RetryPolicy, logger: Logger) throws {
        self.connectionString = connectionString
        self.retryPolicy = retryPolicy
        self.logger = logger
        connection = try Self.connect(connectionString, logger: logger)
    }

    /// Runs `body` on the landing zone; on a lost connection reconnects and runs it again.
    public func read<Value>(_ what: @autoclosure () -> String, _ body: (LandingZone) throws -> Value) throws -> Value {
        try withConnection(what()) { try body(LandingZone(connection: $0)) }
    }

    /// Runs `body` on the raw database's connection (migrations, pruning, reads); on a lost connection
    /// reconnects and runs it again, so `body` must be repeatable (every use here is idempotent).
    @discardableResult
    public func withConnection<Value>(
        _ what: @autoclosure () -> String, _ body: (PostgresConnection) throws -> Value
    ) throws -> Value {
        try retrying(retryPolicy, logger: logger, what()) {
            let current = try connection ?? Self.connect(connectionString, logger: logger)
            connection = current
            do {
                return try body(current)
            } catch let error as PostgresError where error.kind == .connectionLost || !current.isOpen {
                connection = nil
                throw PostgresError(
                    kind: .connectionLost, sqlState: error.sqlState, message: error.message, location: error.location,
                    statement: error.statement, advice: error.advice, isRetryable: true)
            }
        }
    }

    private static func connect(_ connectionString: String, logger: Logger) throws -> PostgresConnection {
        try PostgresConnection(connectionString: connectionString, applicationName: "chain-etl copy-raw (raw)", logger: logger)
    }
}
