import ChainETL
import Foundation
import Testing
import TestSupport

/// Parameters, typed getters, errors and streaming against a real server.
@Suite(.temporaryDatabase) struct PostgresQueryTests {
    @Test func parametersRoundTripNullsQuotesBackslashesAndUnicode() throws {
        let connection = try TestDatabase.current.connect()
        let texts = ["it's \"quoted\"", "back\\slash \\x00", "Grüße, 世界 🚀", "", "tab\tnew\nline", "\\N"]
        let date = Date(timeIntervalSince1970: 1_700_000_000.123456)
        for text in texts {
            let row = try connection.query(
                "SELECT $1::text, $2::text, $3::bigint, $4::boolean, $5::bytea, $6::timestamptz, $7::integer",
                [text, String?.none, Int64.min, true, [UInt8]([0, 0x5c, 0xff]), date, nil])[0]
            #expect(try row.string(0) == text)
            #expect(try row.decode(String?.self, at: 1) == nil)
            #expect(row.isNull(1))
            #expect(try row.int64(2) == .min)
            #expect(try row.bool(3))
            #expect(try row.bytes(4) == [0, 0x5c, 0xff])
            #expect(abs(try row.date(5).timeIntervalSince(date)) < 0.000_001)
            #expect(try row.decode(Int?.self, at: 6) == nil)
        }
    }

    @Test func readingNullAsNonOptionalThrowsNamingTheColumn() throws {
        let connection = try TestDatabase.current.connect()
        let row = try connection.query("SELECT NULL::text AS nickname")[0]
        let error = try #require(throws: PostgresError.self) { try row.string(0) }
        #expect(error.kind == .decoding)
        #expect(error.description.contains("nickname"))
        #expect(try row.decode(String?.self, named: "nickname") == nil)
    }

    @Test func uniqueViolationCarriesSQLStateAndDetail() throws {
        let connection = try TestDatabase.current.connect()
        try connection.executeScript("CREATE TABLE items (id bigint PRIMARY KEY)")
        try connection.execute("INSERT INTO items VALUES ($1)", [1])
        let error = try #require(throws: PostgresError.self) {
            try connection.execute("INSERT INTO items VALUES ($1)", [1])
        }
        #expect(error.sqlState == "23505")
        #expect(error.isUniqueViolation)
        #expect(!error.isTransient)
        #expect(error.detail?.contains("already exists") == true)
        #expect(error.description.contains("INSERT INTO items"))
    }

    @Test func forEachRowStreamsEveryRowAndStopsCleanlyOnError() throws {
        let connection = try TestDatabase.current.connect()
        var sum: Int64 = 0
        var count = 0
        try connection.forEachRow("SELECT g FROM generate_series(1, $1::int) AS g", [50_000]) { row in
            sum += try row.int64(0)
            count += 1
        }
        #expect(count == 50_000)
        #expect(sum == 50_000 * 50_001 / 2)

        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try connection.forEachRow("SELECT g FROM generate_series(1, 10000000) AS g") { row in
                if try row.int(0) == 10 { throw Stop() }
            }
        }
        #expect(try connection.query("SELECT 1")[0].int(0) == 1)
    }

    @Test func serverNoticesGoToTheLogger() throws {
        let recorder = DatabaseLogRecorder()
        let connection = try TestDatabase.current.connect(logger: recorder.logger())
        try connection.executeScript("DO $$ BEGIN RAISE NOTICE 'hello %', 42; RAISE WARNING 'careful now'; END $$")
        let entries = recorder.entries
        #expect(entries.contains { $0.message == "hello 42" && $0.level == .info })
        #expect(entries.contains { $0.message == "careful now" && $0.level == .warning })
    }
}
