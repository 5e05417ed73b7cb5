public import ChainETL
import Foundation
public import Logging

/// A database of its own for one test: created empty on the shared test server, dropped afterwards, so
/// tests run in parallel without seeing each other's rows, locks or migrations.
public struct TestDatabase: Sendable {
    /// The database name (`etl_test_<random>`).
    public let name: String
    /// A libpq keyword connection string (`host=… port=… user=… dbname=…`) that also works in a subprocess.
    public let connectionString: String

    /// The database of the running test, set by the `.temporaryDatabase` trait.
    @TaskLocal public static var scoped: TestDatabase?

    /// The database of the running test; throws if the test lacks the `.temporaryDatabase` trait.
    public static var current: TestDatabase {
        get throws {
            guard let scoped else { throw TestDatabaseError("this test has no .temporaryDatabase trait") }
            return scoped
        }
    }

    /// Creates a fresh empty database on the test server. Call `drop()` when done (or use
    /// `withTemporaryDatabase`). Use it directly for a second database, e.g. a separate raw database.
    /// `collation` (a C library locale the server has, such as `C.UTF-8`) replaces the server's default.
    public static func create(collation: String? = nil) throws -> TestDatabase {
        let admin: PostgresConnection
        do {
            admin = try DatabaseTestServer.adminConnection()
        } catch {
            throw TestDatabaseError(DatabaseTestServer.unavailableMessage)
        }
        let name = "etl_test_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        // CREATE DATABASE takes no parameters; the collation is the test's own constant, quoted as a literal.
        let locale = collation.map {
            " TEMPLATE template0 LC_COLLATE '" + $0.replacingOccurrences(of: "'", with: "''") + "'"
        } ?? ""
        try admin.executeScript("CREATE DATABASE \(PostgresIdentifier.quoted(name))" + locale)
        let settings = try admin.query("SELECT current_setting('port'), current_user")[0]
        var parts: [String] = []
        if let host = ProcessInfo.processInfo.environment["PGHOST"], !host.isEmpty {
            parts.append("host=" + quoted(host))
        }
        parts.append("port=" + quoted(try settings.string(0)))
        parts.append("user=" + quoted(try settings.string(1)))
        parts.append("dbname=" + quoted(name))
        return TestDatabase(name: name, connectionString: parts.joined(separator: " "))
    }

    /// Drops the database, disconnecting anyone still connected.
    public func drop() throws {
        let admin = try DatabaseTestServer.adminConnection()
        try admin.executeScript("DROP DATABASE IF EXISTS \(PostgresIdentifier.quoted(name)) WITH (FORCE)")
    }

    /// A new connection to this database.
    public func connect(logger: Logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }) throws -> PostgresConnection {
        try PostgresConnection(connectionString: connectionString, applicationName: "chain-etl-tests", logger: logger)
    }

    /// libpq keyword value quoting: single quotes, with `\` and `'` escaped.
    private static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}

/// Runs `body` with a fresh database and drops it afterwards, even if `body` throws.
public func withTemporaryDatabase<Result>(_ body: (TestDatabase) async throws -> Result) async throws -> Result {
    let database = try TestDatabase.create()
    do {
        let result = try await body(database)
        try database.drop()
        return result
    } catch {
        try? database.drop()
        throw error
    }
}

/// A test-setup failure with a readable message.
public struct TestDatabaseError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
