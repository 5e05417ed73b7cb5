@testable import ChainETL
import Foundation
import Testing

/// The pure codecs: COPY text escaping, bytea hex, timestamps, lock keys, connect-failure advice.
@Suite struct PostgresValueCodingTests {
    @Test func copyEncoderEscapesTextAndWritesNullsBytesAndIntegers() {
        var encoder = CopyTextEncoder()
        encoder.append("a\tb\nc\rd\\e")
        encoder.appendNull()
        encoder.append(bytea: [0x00, 0xab, 0xff])
        encoder.append(Int64.min)
        encoder.append(0)
        encoder.append(true)
        encoder.endRow()
        encoder.append("\\N")
        encoder.endRow()
        let text = String(decoding: encoder.bytes, as: UTF8.self)
        #expect(text == "a\\tb\\nc\\rd\\\\e\t\\N\t\\\\x00abff\t-9223372036854775808\t0\tt\n\\\\N\n")
    }

    @Test func byteaHexRoundTrips() {
        let bytes: [UInt8] = [0, 1, 0x7f, 0x80, 0xfe, 0xff]
        #expect(ByteaHex.encode(bytes) == "\\x00017f80feff")
        #expect(ByteaHex.decode(Array("\\x00017F80feff".utf8)) == bytes)
        #expect(ByteaHex.decode(Array("00ff".utf8)) == nil)
        #expect(ByteaHex.decode(Array("\\x0g".utf8)) == nil)
    }

    @Test func timestampsFormatAndParseInUTC() throws {
        let date = Date(timeIntervalSince1970: 1_231_006_505.25)
        #expect(PostgresTimestamp.format(date) == "2009-01-03T18:15:05.250000Z")
        #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(PostgresTimestamp.parse(Array("2009-01-03 18:15:05.25+00".utf8)) == date)
        #expect(PostgresTimestamp.parse(Array("2009-01-03 20:15:05.25+02:00".utf8)) == date)
        #expect(PostgresTimestamp.parse(Array("2009-01-03".utf8)) == Date(timeIntervalSince1970: 1_230_940_800))
        #expect(PostgresTimestamp.parse(Array("infinity".utf8)) == nil)
    }

    @Test func integersParseWithoutOverflow() {
        func parse(_ text: String) -> Int64? {
            Array(text.utf8).withUnsafeBufferPointer { Int64(postgresText: $0) }
        }
        #expect(parse("-9223372036854775808") == .min)
        #expect(parse("9223372036854775807") == .max)
        #expect(parse("9223372036854775808") == nil)
        #expect(parse("12a") == nil)
        #expect(parse("") == nil)
    }

    @Test func lockKeysAreStableFNV1a() {
        #expect(AdvisoryLockKey.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(AdvisoryLockKey.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(ToolLock(tool: "scrape").key == AdvisoryLockKey(name: "chain-etl:scrape"))
        #expect(ToolLock(tool: "scrape").key != ToolLock(tool: "copy-raw").key)
    }

    @Test func connectFailuresGetAdvice() {
        let auth = ConnectFailureDiagnosis(
            libpqMessage: "connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  password authentication failed for user \"bob\"\n",
            hostAndPort: "127.0.0.1:5432")
        #expect(auth.reason == "password authentication failed for user \"bob\"")
        #expect(auth.advice.contains("~/.pgpass"))
        #expect(!auth.isTransient)
        let refused = ConnectFailureDiagnosis(
            libpqMessage: "connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n",
            hostAndPort: "127.0.0.1:1")
        #expect(refused.reason == "Connection refused")
        #expect(refused.advice.contains("127.0.0.1:1"))
        #expect(refused.isTransient)
    }

    @Test("a server restarting, recovering or shutting down may pass: retried", arguments: [
        "FATAL:  the database system is starting up",
        "FATAL:  the database system is in recovery mode",
        "FATAL:  the database system is not yet accepting connections\nDETAIL:  Consistent recovery state has not been yet reached.",
        "FATAL:  the database system is shutting down",
        "FATAL:  sorry, too many clients already",
    ])
    func restartsAreTransient(message: String) {
        let diagnosis = ConnectFailureDiagnosis(
            libpqMessage: "connection to server on socket \"/run/postgresql/.s.PGSQL.5432\" failed: \(message)\n",
            hostAndPort: "/run/postgresql:5432")
        #expect(diagnosis.isTransient)
        #expect(diagnosis.advice.contains("restarting"))
    }

    @Test func aStandbyThatAcceptsNoConnectionsIsNotWaitedFor() {
        let diagnosis = ConnectFailureDiagnosis(
            libpqMessage: "connection to server at \"10.0.0.7\", port 5432 failed: FATAL:  the database system is not "
                + "accepting connections\nDETAIL:  Hot standby mode is disabled.\n",
            hostAndPort: "10.0.0.7:5432")
        #expect(!diagnosis.isTransient)
        #expect(diagnosis.advice.contains("primary"))
    }

    @Test func sqlStatesClassify() {
        #expect(SQLState.isRetryableTransactionFailure("40001"))
        #expect(SQLState.isRetryableTransactionFailure("40P01"))
        #expect(!SQLState.isRetryableTransactionFailure("23505"))
        #expect(SQLState.isTransient("08006"))
        #expect(!SQLState.isTransient("42P01"))
    }

    @Test func retryDelaysGrowAndStayBounded() {
        let policy = TransactionRetryPolicy(maxAttempts: 5, baseDelay: 0.1, maxDelay: 0.5)
        #expect((0.05...0.1).contains(policy.delay(afterAttempt: 1)))
        #expect((0.1...0.2).contains(policy.delay(afterAttempt: 2)))
        #expect((0.25...0.5).contains(policy.delay(afterAttempt: 30)))
    }
}
