import CLibPQ
import Foundation

/// Transactions as closures: the work commits together or not at all, and the caller cannot forget the
/// ROLLBACK. This is how a tool commits its output and its cursor in one step.
extension PostgresConnection {
    /// Runs `body` between BEGIN and COMMIT; on any thrown error rolls back and rethrows that same error.
    /// Calling it while a transaction is already open throws (kind `.misuse`) instead of silently joining or
    /// committing the outer one. If `body` catches a SQL error itself, the transaction is aborted anyway, so it
    /// is rolled back and reported rather than "committed".
    @discardableResult
    public func transaction<Value>(
        isolation: TransactionIsolation? = nil, _ body: (PostgresConnection) throws -> Value
    ) throws -> Value {
        guard !isInTransaction else {
            throw PostgresError(kind: .misuse, message: "a transaction is already open on this connection",
                                location: location, advice: "do not nest transaction { } calls; pass the open connection down instead")
        }
        try executeScript(isolation.map { "BEGIN ISOLATION LEVEL \($0.rawValue)" } ?? "BEGIN")
        let value: Value
        do {
            value = try body(self)
        } catch {
            rollBackQuietly()
            throw error
        }
        if PQtransactionStatus(handle) == PQTRANS_INERROR {
            rollBackQuietly()
            throw PostgresError(kind: .misuse, message: "the transaction was aborted by an SQL error that was caught inside it",
                                location: location, advice: "let SQL errors propagate out of transaction { } or use a savepoint")
        }
        do {
            try executeScript("COMMIT")
        } catch {
            rollBackQuietly()
            throw error
        }
        return value
    }

    /// Like `transaction`, but reruns the whole closure when the server reports a serialization failure or a
    /// deadlock (40001/40P01), waiting a little longer each time, up to `policy.maxAttempts`. `body` may run
    /// more than once, so it must not have effects outside the database (or they must be repeatable).
    @discardableResult
    public func retryingTransaction<Value>(
        isolation: TransactionIsolation? = .serializable, policy: TransactionRetryPolicy = .default,
        _ body: (PostgresConnection) throws -> Value
    ) throws -> Value {
        var attempt = 1
        while true {
            do {
                return try transaction(isolation: isolation, body)
            } catch let error as PostgresError where error.isRetryableTransactionFailure && attempt < policy.maxAttempts {
                let delay = policy.delay(afterAttempt: attempt)
                logger.notice("transaction conflict, retrying", metadata: [
                    "postgres.sqlstate": "\(error.sqlState ?? "")", "attempt": "\(attempt)",
                    "delay_ms": "\(Int(delay * 1000))",
                ])
                Thread.sleep(forTimeInterval: delay)
                attempt += 1
            }
        }
    }

    /// Ends an open transaction after a failure; a second failure here (e.g. a lost connection) must not hide
    /// the first, so it is only logged.
    private func rollBackQuietly() {
        guard isInTransaction else { return }
        do {
            try executeScript("ROLLBACK")
        } catch {
            logger.debug("ROLLBACK failed", metadata: ["error": "\(error)"])
        }
    }
}
