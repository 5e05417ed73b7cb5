import CLibPQ
import Foundation
public import Logging

/// One open libpq connection. It owns the `PGconn*` (closed in `deinit`), so it is a class; it is not
/// Sendable because libpq connections must not be used from two threads at once: give each task its own.
/// All calls block, so run them on a thread of your own, not on the cooperative pool's hot path.
///
/// The connection string is handed to libpq as the user wrote it (URI or `key=value`; empty means libpq's
/// defaults from `PG*` variables, `~/.pgpass` and service files), so every libpq feature keeps working.
/// On top of it the session is set to UTC, ISO dates, UTF-8 and hex bytea, which the value codecs rely on.
public final class PostgresConnection {
    /// The libpq handle. Only this type and its extensions touch it.
    let handle: OpaquePointer
    /// Where this connection goes, safe to print: `database "x" on host:port as user "u"`.
    public let location: String
    /// Receives the server's NOTICE and WARNING messages and this layer's retry notes.
    public let logger: Logger
    /// Kept alive for as long as libpq may call the notice receiver.
    private let noticeForwarder: NoticeForwarder
    /// What `setForSession` applied, applied again by `reconnect()`.
    var sessionSettings: [String] = []

    /// The session settings the value codecs rely on, applied at every connect.
    static let codecSettings =
        "SET client_encoding = 'UTF8'; SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET bytea_output = 'hex'"

    /// Opens a connection. `applicationName` shows in `pg_stat_activity` unless the connection string sets
    /// its own `application_name`. Throws `PostgresError` (kind `.connect`) naming host, port and database and
    /// saying what to do; the password never appears in it.
    public init(connectionString: String, applicationName: String = "chain-etl", logger: Logger) throws {
        var keywords = ["fallback_application_name", "dbname"]
        var values = [applicationName, connectionString]
        // Without a timeout an unreachable host hangs a cron run for minutes; the user's value still wins
        // because the expanded connection string overrides earlier keywords.
        if getenv("PGCONNECT_TIMEOUT") == nil {
            keywords.insert("connect_timeout", at: 0)
            values.insert("15", at: 0)
        }
        let conn = Self.connect(keywords: keywords, values: values)
        guard let conn else {
            throw PostgresError(kind: .connect, message: "libpq could not allocate a connection",
                                location: SecretMasking.masked(connectionString), isRetryable: true)
        }
        let where_ = Self.describeLocation(of: conn, fallback: connectionString)
        guard PQstatus(conn) == CONNECTION_OK else {
            let error = Self.connectError(conn, location: where_)
            PQfinish(conn)
            throw error
        }
        handle = conn
        location = where_
        self.logger = logger
        noticeForwarder = NoticeForwarder(logger: logger)
        noticeForwarder.install(on: conn)
        try executeScript(Self.codecSettings)
    }

    deinit {
        PQfinish(handle)
    }

    /// The server's process id for this session, e.g. to cancel it or find it in `pg_stat_activity`.
    public var backendPID: Int32 { PQbackendPID(handle) }

    /// Whether libpq still considers the connection usable.
    public var isOpen: Bool { PQstatus(handle) == CONNECTION_OK }

    /// Whether a transaction block is open (or aborted and awaiting ROLLBACK) on this connection.
    public var isInTransaction: Bool { PQtransactionStatus(handle) != PQTRANS_IDLE }

    private static func connect(keywords: [String], values: [String]) -> OpaquePointer? {
        let keywordPointers = keywords.map { UnsafePointer(strdup($0)) } + [nil]
        let valuePointers = values.map { UnsafePointer(strdup($0)) } + [nil]
        defer {
            keywordPointers.forEach { free(UnsafeMutablePointer(mutating: $0)) }
            valuePointers.forEach { free(UnsafeMutablePointer(mutating: $0)) }
        }
        return PQconnectdbParams(keywordPointers, valuePointers, 1)
    }

    /// `database "x" on host:port as user "u"` from what libpq resolved; the masked string if it resolved nothing.
    private static func describeLocation(of conn: OpaquePointer, fallback: String) -> String {
        func text(_ value: UnsafeMutablePointer<CChar>?) -> String? {
            guard let value else { return nil }
            let string = String(cString: value)
            return string.isEmpty ? nil : string
        }
        guard let host = text(PQhost(conn)) else {
            return fallback.isEmpty ? "(libpq defaults)" : "\"\(SecretMasking.masked(fallback))\""
        }
        var result = "on \(host):\(text(PQport(conn)) ?? "5432")"
        if let database = text(PQdb(conn)) { result = "database \"\(database)\" " + result }
        if let user = text(PQuser(conn)) { result += " as user \"\(user)\"" }
        return result
    }

    static func connectError(_ conn: OpaquePointer, location: String) -> PostgresError {
        var message = String(cString: PQerrorMessage(conn))
        // A malformed URI can be echoed back by libpq; make sure the password never is.
        if let password = PQpass(conn).map({ String(cString: $0) }), password.count >= 3 {
            message = message.replacingOccurrences(of: password, with: SecretMasking.mask)
        }
        message = SecretMasking.masked(message)
        let hostAndPort = PQhost(conn).map { String(cString: $0) + ":" + String(cString: PQport(conn)) } ?? location
        let diagnosis = ConnectFailureDiagnosis(libpqMessage: message, hostAndPort: hostAndPort)
        return PostgresError(kind: .connect, message: diagnosis.reason, location: location,
                             advice: diagnosis.advice, isRetryable: diagnosis.isTransient)
    }
}

@available(*, unavailable, message: "a libpq connection must be used by one task at a time; open one per task")
extension PostgresConnection: Sendable {}
