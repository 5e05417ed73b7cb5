import ChainETL
import Foundation
import Logging

/// The PostgreSQL server the tests use: whatever libpq's defaults point at (the `PG*` variables the test
/// command exports). Decides once whether it is reachable, so database tests can be skipped on a laptop
/// without PostgreSQL and fail loudly under CI.
public enum DatabaseTestServer {
    /// Whether `CI` is set: then a missing server is a failure, never a skip.
    public static var isCI: Bool {
        let value = ProcessInfo.processInfo.environment["CI"] ?? ""
        return !value.isEmpty && value != "0" && value.lowercased() != "false"
    }

    /// nil when a connection to the admin database works, otherwise why it does not (checked once).
    public static let unreachableReason: String? = {
        do {
            _ = try adminConnection(connectTimeout: 5)
            return nil
        } catch {
            return "\(error)"
        }
    }()

    /// Whether database tests should run: the server is reachable, or CI demands they run (and fail).
    public static var shouldRunDatabaseTests: Bool { unreachableReason == nil || isCI }

    /// The message for a skip or a CI failure.
    public static var unavailableMessage: String {
        "no PostgreSQL reachable through the PG* environment (\(unreachableReason ?? "?")); "
            + (isCI ? "CI is set, so database tests fail instead of being skipped; start one as the README shows"
                    : "database tests are skipped; start one as the README shows to run them")
    }

    /// A connection to the server's default database (libpq defaults), for CREATE/DROP DATABASE.
    static func adminConnection(connectTimeout: Int = 10) throws -> PostgresConnection {
        let timeout = ProcessInfo.processInfo.environment["PGCONNECT_TIMEOUT"] == nil ? "connect_timeout=\(connectTimeout)" : ""
        return try PostgresConnection(connectionString: timeout, applicationName: "chain-etl-tests",
                                      logger: Logger(label: "test-admin") { _ in SwiftLogNoOpLogHandler() })
    }
}
