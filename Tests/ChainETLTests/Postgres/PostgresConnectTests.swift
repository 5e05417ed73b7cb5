import ChainETL
import Foundation
import Logging
import Testing
import TestSupport

/// Failed connections explain themselves in one line and never show the password.
@Suite(.temporaryDatabase) struct PostgresConnectTests {
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    @Test func wrongPasswordOverTCPSaysSoWithoutThePassword() throws {
        let database = try TestDatabase.current
        let admin = try database.connect()
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let role = "etl_pw_\(suffix)"
        try admin.executeScript("CREATE ROLE \(PostgresIdentifier.quoted(role)) LOGIN PASSWORD 'correct-\(suffix)'")
        defer { try? admin.executeScript("DROP ROLE IF EXISTS \(PostgresIdentifier.quoted(role))") }
        let port = try admin.query("SELECT current_setting('port')")[0].string(0)
        let wrong = "Wr0ngPassphrase\(suffix)Q"

        // The right password works (so the failure below is about the password, not the set-up).
        _ = try PostgresConnection(
            connectionString: "host=127.0.0.1 port=\(port) user=\(role) password=correct-\(suffix) dbname=\(database.name)",
            logger: logger)

        for connectionString in [
            "postgresql://\(role):\(wrong)@127.0.0.1:\(port)/\(database.name)",
            "host=127.0.0.1 port=\(port) user=\(role) password=\(wrong) dbname=\(database.name)",
        ] {
            let error = try #require(throws: PostgresError.self) {
                _ = try PostgresConnection(connectionString: connectionString, logger: logger)
            }
            let line = error.description
            #expect(!line.contains(wrong))
            #expect(!line.contains("\n"))
            #expect(line.contains("password authentication failed"))
            #expect(line.contains("127.0.0.1:\(port)"))
            #expect(line.contains(database.name))
            #expect(line.contains("~/.pgpass"))
            #expect(error.exitStatus == .usage)
            #expect(!error.isTransient)
        }
    }

    @Test func downServerSaysWhereAndThatItMayBeStopped() throws {
        let secret = "Sup3rSecretXyz"
        let error = try #require(throws: PostgresError.self) {
            _ = try PostgresConnection(connectionString: "postgresql://someone:\(secret)@127.0.0.1:1/analytics", logger: logger)
        }
        let line = error.description
        #expect(!line.contains(secret))
        #expect(line.contains("127.0.0.1:1"))
        #expect(line.contains("is the PostgreSQL server running"))
        #expect(error.isTransient)
        #expect(error.isConnectionFailure)
    }

    @Test func malformedConnectionStringIsAUsageErrorWithoutThePassword() throws {
        let secret = "An0therSecretQ"
        let error = try #require(throws: PostgresError.self) {
            _ = try PostgresConnection(connectionString: "host=127.0.0.1 password=\(secret) bogus_option=1", logger: logger)
        }
        #expect(!error.description.contains(secret))
        #expect(error.description.contains("bogus_option"))
        #expect(error.exitStatus == .usage)
    }

    @Test func applicationNameIsSetUnlessTheStringSetsIt() throws {
        let database = try TestDatabase.current
        let plain = try PostgresConnection(connectionString: database.connectionString, applicationName: "scrape", logger: logger)
        #expect(try plain.query("SELECT current_setting('application_name')")[0].string(0) == "scrape")
        let explicit = try PostgresConnection(
            connectionString: database.connectionString + " application_name=mine", applicationName: "scrape", logger: logger)
        #expect(try explicit.query("SELECT current_setting('application_name')")[0].string(0) == "mine")
    }
}
