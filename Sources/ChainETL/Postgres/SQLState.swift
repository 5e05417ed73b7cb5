/// The handful of SQLSTATE codes the tools branch on. PostgreSQL reports every error with a five-character
/// code; matching on codes (never on message text, which is translated) keeps retry and conflict handling
/// correct whatever `lc_messages` the server uses.
public enum SQLState {
    /// `unique_violation`: a row with the same key already exists.
    public static let uniqueViolation = "23505"
    /// `serialization_failure`: a SERIALIZABLE or REPEATABLE READ transaction lost a race; rerun it.
    public static let serializationFailure = "40001"
    /// `deadlock_detected`: the server killed one side of a deadlock; rerun it.
    public static let deadlockDetected = "40P01"
    /// `query_canceled`: the statement was cancelled (statement_timeout, a cancel request, an aborted COPY).
    public static let queryCanceled = "57014"
    /// `admin_shutdown`: the server is shutting down or the session was terminated.
    public static let adminShutdown = "57P01"
    /// `crash_shutdown`: another backend crashed and the server is resetting every session.
    public static let crashShutdown = "57P02"
    /// `cannot_connect_now`: the server is starting up or in recovery.
    public static let cannotConnectNow = "57P03"
    /// `too_many_connections`: every connection slot is taken.
    public static let tooManyConnections = "53300"
    /// `lock_not_available`: a lock was not granted within `lock_timeout`.
    public static let lockNotAvailable = "55P03"
    /// `insufficient_privilege`: the role may not do this (not the owner, not granted).
    public static let insufficientPrivilege = "42501"

    /// Whether rerunning the whole transaction may succeed: serialization failures and deadlocks are the
    /// server telling us to do exactly that.
    public static func isRetryableTransactionFailure(_ code: String?) -> Bool {
        code == serializationFailure || code == deadlockDetected
    }

    /// Whether the code belongs to class 08 (connection exception): the connection is gone, a new one may work.
    public static func isConnectionException(_ code: String?) -> Bool {
        code?.hasPrefix("08") ?? false
    }

    /// Whether the session ended for reasons outside it: a connection exception, the server shutting down or
    /// resetting after a crash, the backend terminated, the server not yet accepting connections. A new session
    /// may work; unlike a transaction or idle timeout (25P03, 25P04), which ends the next session the same way.
    public static func isEndOfSession(_ code: String?) -> Bool {
        isConnectionException(code) || code == adminShutdown || code == crashShutdown || code == cannotConnectNow
    }

    /// Whether trying again later (in a new transaction, perhaps on a new connection) may succeed.
    public static func isTransient(_ code: String?) -> Bool {
        isRetryableTransactionFailure(code) || isConnectionException(code)
            || code == adminShutdown || code == cannotConnectNow || code == tooManyConnections
    }
}
