import CLibPQ
import Logging

/// Routes the server's NOTICE/WARNING messages (e.g. "relation already exists, skipping") to the logger
/// instead of libpq's default of printing them raw on stderr, where they would break the tools' one-line
/// output contract under cron.
final class NoticeForwarder {
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// Registers with libpq; the connection must keep this object alive while `conn` exists.
    func install(on conn: OpaquePointer) {
        let receiver: PQnoticeReceiver = { context, result in
            guard let context, let result else { return }
            Unmanaged<NoticeForwarder>.fromOpaque(context).takeUnretainedValue().receive(result)
        }
        PQsetNoticeReceiver(conn, receiver, Unmanaged.passUnretained(self).toOpaque())
    }

    private func receive(_ result: OpaquePointer) {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        let severity = field(CHAIN_ETL_PG_DIAG_SEVERITY) ?? "NOTICE"
        let message = field(CHAIN_ETL_PG_DIAG_MESSAGE_PRIMARY) ?? PostgresError.oneLine(String(cString: PQresultErrorMessage(result)))
        var metadata: Logger.Metadata = ["postgres.severity": "\(severity)"]
        if let code = field(CHAIN_ETL_PG_DIAG_SQLSTATE) { metadata["postgres.sqlstate"] = "\(code)" }
        if let detail = field(CHAIN_ETL_PG_DIAG_MESSAGE_DETAIL) { metadata["postgres.detail"] = "\(detail)" }
        logger.log(level: Self.level(forSeverity: severity), "\(message)", metadata: metadata)
    }

    /// WARNING stays a warning; NOTICE ("already exists, skipping") is information, not something a cron run
    /// should mail about; INFO/LOG/DEBUG are debug chatter.
    static func level(forSeverity severity: String) -> Logger.Level {
        switch severity {
        case "WARNING": return .warning
        case "NOTICE": return .info
        case "INFO": return .info
        default: return .debug
        }
    }
}
