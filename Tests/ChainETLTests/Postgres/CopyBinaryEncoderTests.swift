import ChainETL
import Testing

/// The binary COPY format byte for byte (PostgreSQL's "Binary Format" of COPY), and the rows it refuses to build.
@Suite struct CopyBinaryEncoderTests {
    private static let header: [UInt8] = Array("PGCOPY\n".utf8) + [0xff, 0x0d, 0x0a, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0]

    @Test func rowsAreFieldCountThenLengthAndBigEndianValues() throws {
        var encoder = CopyBinaryEncoder(fieldCount: 5)
        encoder.append(int8: -2)
        encoder.append(int4: 258)
        encoder.append(text: "a\tü")
        encoder.append(bool: true)
        encoder.append(int8: nil as Int64?)
        try encoder.endRow()
        encoder.appendTrailer()
        let expected: [UInt8] = Self.header
            + [0, 5]
            + [0, 0, 0, 8, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]
            + [0, 0, 0, 4, 0, 0, 1, 2]
            + [0, 0, 0, 4, 0x61, 0x09, 0xc3, 0xbc]
            + [0, 0, 0, 1, 1]
            + [0xff, 0xff, 0xff, 0xff]
            + [0xff, 0xff]
        #expect(Array(encoder.bytes) == expected)
        #expect(encoder.count == expected.count)
    }

    @Test func removeAllKeepsEncodingWithoutASecondHeader() throws {
        var encoder = CopyBinaryEncoder(fieldCount: 1)
        encoder.removeAll()
        encoder.append(text: "")
        try encoder.endRow()
        #expect(Array(encoder.bytes) == [0, 1, 0, 0, 0, 0])
    }

    @Test func growsPastItsCapacity() throws {
        var encoder = CopyBinaryEncoder(fieldCount: 2, capacity: 16)
        let long = String(repeating: "x", count: 5_000)
        for index in 0..<100 {
            encoder.append(int4: index)
            encoder.append(text: long)
            try encoder.endRow()
        }
        let rowSize = 2 + 8 + 4 + 5_000
        #expect(encoder.count == Self.header.count + 100 * rowSize)
        let last = Array(encoder.bytes.suffix(rowSize))
        #expect(Array(last.prefix(10)) == [0, 2, 0, 0, 0, 4, 0, 0, 0, 99])
        #expect(last.suffix(5_000).allSatisfy { $0 == UInt8(ascii: "x") })
    }

    @Test func anIntegerTooWideForItsColumnFailsTheRowNotTheNext() throws {
        var encoder = CopyBinaryEncoder(fieldCount: 2)
        encoder.append(int8: 1)
        encoder.append(int4: Int(Int32.max) + 1)
        let error = try #require(throws: CopyRowError.self) { try encoder.endRow() }
        #expect(error.field == 2)
        #expect(error.description.contains("2147483648 does not fit an integer column"))
        encoder.append(int8: 1)
        encoder.append(int4: Int(Int32.min))
        try encoder.endRow()
    }

    @Test func aRowWithAnotherFieldCountIsRefused() throws {
        var encoder = CopyBinaryEncoder(fieldCount: 3)
        encoder.append(int8: 1)
        encoder.append(bool: false)
        let error = try #require(throws: CopyRowError.self) { try encoder.endRow() }
        #expect(error.reason == "the row has 2 fields, the COPY 3")
    }
}
