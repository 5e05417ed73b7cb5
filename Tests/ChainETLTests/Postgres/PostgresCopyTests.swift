import ChainETL
import Foundation
import Testing
import TestSupport

/// COPY FROM STDIN: exact round trips of awkward values at volume, and all-or-nothing on failure.
@Suite(.temporaryDatabase) struct PostgresCopyTests {
    static let awkwardTexts: [String?] = [
        "plain", "tab\there", "line\nbreak", "carriage\rreturn", "back\\slash", "\\N", "\\.", "", nil,
        "Grüße 🚀", "trailing backslash \\", "\t\n\r\\",
    ]

    static func row(_ id: Int64) -> (text: String?, bytes: [UInt8]?, amount: Int64?) {
        let text = awkwardTexts[Int(id % Int64(awkwardTexts.count))].map { "\($0)#\(id)" }
        let bytes: [UInt8]? = id % 7 == 0 ? nil : [UInt8(truncatingIfNeeded: id), 0x5c, 0x09, 0x0a, 0]
        let amount: Int64? = id % 5 == 0 ? nil : id * 1_000_000_007 - 3
        return (id % 13 == 0 ? nil : text, bytes, amount)
    }

    @Test func largeBatchRoundTripsExactly() throws {
        let connection = try TestDatabase.current.connect()
        try connection.executeScript("CREATE TABLE copied (id bigint, label text, payload bytea, amount bigint, flag boolean)")
        let total: Int64 = 120_000
        let copied = try connection.copyIn(table: "copied", columns: ["id", "label", "payload", "amount", "flag"]) { writer in
            for id in 0..<total {
                let row = Self.row(id)
                writer.append(id)
                writer.append(row.text)
                writer.append(row.bytes)
                writer.append(row.amount)
                writer.append(id % 2 == 0)
                try writer.endRow()
            }
        }
        #expect(copied == Int(total))

        var expectedID: Int64 = 0
        var mismatches = 0
        try connection.forEachRow("SELECT id, label, payload, amount, flag FROM copied ORDER BY id") { row in
            let expected = Self.row(expectedID)
            let matches = try row.int64(0) == expectedID
                && row.decode(String?.self, at: 1) == expected.text
                && row.decode([UInt8]?.self, at: 2) == expected.bytes
                && row.decode(Int64?.self, at: 3) == expected.amount
                && row.bool(4) == (expectedID % 2 == 0)
            if !matches { mismatches += 1 }
            expectedID += 1
        }
        #expect(expectedID == total)
        #expect(mismatches == 0)
    }

    @Test func binaryBatchRoundTripsExactly() throws {
        let connection = try TestDatabase.current.connect()
        try connection.executeScript("""
            CREATE TABLE copied (id bigint, label text, amount bigint, place integer, flag boolean)
            """)
        let total: Int64 = 120_000
        let extremes: [Int64?] = [Int64.min, Int64.max, 0, -1, nil]
        func place(_ id: Int64) -> Int? { id % 11 == 0 ? nil : Int(Int32.min) + Int(id) * 35_791 }
        let copied = try connection.copyInBinary(table: "copied", columns: ["id", "label", "amount", "place", "flag"]) {
            writer in
            for id in 0..<total {
                let row = Self.row(id)
                writer.append(int8: id)
                writer.append(text: row.text)
                writer.append(int8: id < 5 ? extremes[Int(id)] : row.amount)
                writer.append(int4: place(id))
                writer.append(bool: id % 3 == 0)
                try writer.endRow()
            }
        }
        #expect(copied == Int(total))

        var expectedID: Int64 = 0
        var mismatches = 0
        try connection.forEachRow("SELECT id, label, amount, place, flag FROM copied ORDER BY id") { row in
            let expected = Self.row(expectedID)
            let matches = try row.int64(0) == expectedID
                && row.decode(String?.self, at: 1) == expected.text
                && row.decode(Int64?.self, at: 2) == (expectedID < 5 ? extremes[Int(expectedID)] : expected.amount)
                && row.decode(Int?.self, at: 3) == place(expectedID)
                && row.bool(4) == (expectedID % 3 == 0)
            if !matches { mismatches += 1 }
            expectedID += 1
        }
        #expect(expectedID == total)
        #expect(mismatches == 0)
    }

    @Test func binaryRowThatCannotBeBuiltAbortsTheCopy() throws {
        let connection = try TestDatabase.current.connect()
        try connection.executeScript("CREATE TABLE copied (id bigint, place integer)")
        let error = try #require(throws: CopyRowError.self) {
            try connection.copyInBinary(table: "copied", columns: ["id", "place"]) { writer in
                for id in 0..<100_000 {
                    writer.append(int8: Int64(id))
                    writer.append(int4: id == 90_000 ? 1 << 40 : id)  // after several 64 KiB flushes
                    try writer.endRow()
                }
            }
        }
        #expect(error.field == 2)
        #expect(try connection.query("SELECT count(*) FROM copied")[0].int(0) == 0)
        #expect(!connection.isInTransaction)
    }

    @Test func serverRejectsABinaryRowOfTheWrongWidth() throws {
        let connection = try TestDatabase.current.connect()
        try connection.executeScript("CREATE TABLE copied (id integer)")
        #expect(throws: PostgresError.self) {
            try connection.copyInBinary(table: "copied", columns: ["id"]) { writer in
                writer.append(int8: 1)
                try writer.endRow()
            }
        }
        #expect(try connection.query("SELECT count(*) FROM copied")[0].int(0) == 0)
    }

    @Test func producerErrorAbortsTheCopyAndLeavesNothing() throws {
        struct ProducerFailed: Error, Equatable {}
        let connection = try TestDatabase.current.connect()
        try connection.executeScript("CREATE TABLE copied (id bigint)")
        #expect(throws: ProducerFailed()) {
            try connection.copyIn("COPY copied (id) FROM STDIN") { writer in
                for id in 0..<300_000 {
                    if id == 250_000 { throw ProducerFailed() }  // after several 1 MB flushes
                    writer.append(id)
                    try writer.endRow()
                }
            }
        }
        #expect(try connection.query("SELECT count(*) FROM copied")[0].int(0) == 0)
        #expect(!connection.isInTransaction)
    }

    @Test func serverRejectionOfARowIsReported() throws {
        let connection = try TestDatabase.current.connect()
        try connection.executeScript("CREATE TABLE copied (id bigint PRIMARY KEY)")
        let error = try #require(throws: PostgresError.self) {
            try connection.copyIn("COPY copied (id) FROM STDIN") { writer in
                for id in [1, 2, 1] {
                    writer.append(id)
                    try writer.endRow()
                }
            }
        }
        #expect(error.isUniqueViolation)
        #expect(try connection.query("SELECT count(*) FROM copied")[0].int(0) == 0)
    }
}
