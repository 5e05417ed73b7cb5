import ChainETL
import Logging
import Testing
import TestSupport

/// A database that compares text under a language collation fills every index on addresses more slowly, and
/// only recreating it helps, so the tools say so once, when they create the chain tables there.
@Suite("DatabaseCollation")
struct DatabaseCollationTests {
    @Test("only C, POSIX and the builtin provider compare bytes; the C library's and ICU's languages do not",
          arguments: [
              (DatabaseCollation(name: "C", provider: "c"), true),
              (DatabaseCollation(name: "POSIX", provider: "c"), true),
              (DatabaseCollation(name: "C", provider: nil), true),
              (DatabaseCollation(name: "C.UTF-8", provider: "b"), true),
              (DatabaseCollation(name: "en_US.UTF-8", provider: "c"), false),
              (DatabaseCollation(name: "C.UTF-8", provider: "c"), false),
              (DatabaseCollation(name: "en_US.UTF-8", provider: nil), false),
              (DatabaseCollation(name: "C", provider: "i"), false),
          ])
    func comparesBytes(collation: DatabaseCollation, expected: Bool) {
        #expect(collation.comparesBytes == expected)
        #expect((collation.advice(database: "chain") == nil) == expected)
    }

    @Test("the advice names the database, the collation and the statement that fixes it")
    func adviceIsActionable() throws {
        let advice = try #require(DatabaseCollation(name: "en_US.UTF-8", provider: "c").advice(database: "chain"))
        #expect(advice.contains("database \"chain\" compares text by collation en_US.UTF-8"))
        #expect(advice.contains("CREATE DATABASE \"chain\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C'"))
        let icu = try #require(DatabaseCollation(name: "C", provider: "i").advice(database: "chain"))
        #expect(icu.contains("an ICU collation"))
    }

    @Test("copy-raw creating the chain tables in a C.UTF-8 database warns once; wallet-stats there too",
          .temporaryDatabase)
    func toolsWarnWhenTheyCreateTheChainTables() throws {
        let database = try TestDatabase.create(collation: "C.UTF-8")
        defer { try? database.drop() }
        let connection = try database.connect()
        #expect(try DatabaseCollation.read(on: connection) == DatabaseCollation(name: "C.UTF-8", provider: "c"))

        let recorder = DatabaseLogRecorder()
        try Self.copyRaw(into: database, logger: recorder.logger(label: "copy-raw"))
        try Self.copyRaw(into: database, logger: recorder.logger(label: "copy-raw"))
        let warnings = Self.collationWarnings(recorder)
        #expect(warnings.count == 1, "one warning at set-up, none on the next run: \(warnings)")
        #expect(warnings.first?.contains("database \"\(database.name)\" compares text by collation C.UTF-8") == true)

        // Any tool that creates the chain tables first says the same.
        let other = try TestDatabase.create(collation: "C.UTF-8")
        defer { try? other.drop() }
        let walletRecorder = DatabaseLogRecorder()
        let configuration = try TestConfiguration.make(database: other, nodeURL: "http://127.0.0.1:1")
        _ = try WalletStatsJob.connect(configuration: configuration, logger: walletRecorder.logger())
        #expect(Self.collationWarnings(walletRecorder).count == 1)

        // The test server's own databases are C: no warning.
        let quiet = DatabaseLogRecorder()
        try Self.copyRaw(into: try TestDatabase.current, logger: quiet.logger(label: "copy-raw"))
        #expect(Self.collationWarnings(quiet).isEmpty)
    }

    private static func copyRaw(into database: TestDatabase, logger: Logger) throws {
        let configuration = try TestConfiguration.make(database: database, nodeURL: "http://127.0.0.1:1")
        var options = CopyRawOptions()
        options.retryPolicy = QuietScrape.fastRetries
        let summary = try CopyRawJob.run(
            configuration: configuration, options: options, logger: logger, drawsProgress: false,
            printSummary: { _ in })
        #expect(summary.blocksCopied == 0)
    }

    private static func collationWarnings(_ recorder: DatabaseLogRecorder) -> [String] {
        recorder.entries.filter { $0.level == .warning && $0.message.contains("compares text by") }.map(\.message)
    }
}
