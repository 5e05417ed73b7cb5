/// Reads the little-endian integers, CompactSize counts and byte strings of Bitcoin's wire format,
/// throwing `BitcoinDecodingError` with the field name and offset instead of trapping on short input.
struct ByteReader {
    let bytes: [UInt8]
    private(set) var offset: Int

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset >= bytes.count }
    var remaining: Int { bytes.count - offset }

    func peek(_ ahead: Int = 0) -> UInt8? {
        offset + ahead < bytes.count ? bytes[offset + ahead] : nil
    }

    mutating func readByte(_ field: String) throws -> UInt8 {
        guard offset < bytes.count else { throw BitcoinDecodingError(field: field, offset: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUInt32(_ field: String) throws -> UInt32 {
        UInt32(truncatingIfNeeded: try readLittleEndian(4, field))
    }

    mutating func readUInt64(_ field: String) throws -> UInt64 {
        try readLittleEndian(8, field)
    }

    private mutating func readLittleEndian(_ count: Int, _ field: String) throws -> UInt64 {
        guard remaining >= count else { throw BitcoinDecodingError(field: field, offset: offset) }
        var value: UInt64 = 0
        for index in 0..<count { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += count
        return value
    }

    mutating func readCompactSize(_ field: String) throws -> Int {
        let start = offset
        let first = try readByte(field)
        let value: UInt64
        switch first {
        case 0xfd: value = try readLittleEndian(2, field)
        case 0xfe: value = try readLittleEndian(4, field)
        case 0xff: value = try readLittleEndian(8, field)
        default: value = UInt64(first)
        }
        // Core rejects sizes above 32 MB; anything that large here is corrupt data, not a real count.
        guard value <= 0x0200_0000 else { throw BitcoinDecodingError(field: field, offset: start) }
        return Int(value)
    }

    mutating func readBytes(_ count: Int, _ field: String) throws -> [UInt8] {
        guard count >= 0, remaining >= count else { throw BitcoinDecodingError(field: field, offset: offset) }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    mutating func readVarBytes(_ field: String) throws -> [UInt8] {
        try readBytes(try readCompactSize(field), field)
    }

    mutating func readHash(_ field: String) throws -> Hash256 {
        guard remaining >= 32 else { throw BitcoinDecodingError(field: field, offset: offset) }
        defer { offset += 32 }
        return bytes.withUnsafeBytes { Hash256(UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + 32)])) }
    }
}

/// Writers for the same wire format, as appends onto a byte buffer so serializing a block reuses one
/// growing array.
extension Array where Element == UInt8 {
    @inline(__always)
    mutating func appendLittleEndian(_ value: UInt32) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value >> 16))
        append(UInt8(truncatingIfNeeded: value >> 24))
    }

    @inline(__always)
    mutating func appendLittleEndian(_ value: UInt64) {
        appendLittleEndian(UInt32(truncatingIfNeeded: value))
        appendLittleEndian(UInt32(truncatingIfNeeded: value >> 32))
    }

    mutating func appendCompactSize(_ value: Int) {
        switch value {
        case ..<0xfd:
            append(UInt8(value))
        case ...0xffff:
            append(0xfd)
            append(UInt8(truncatingIfNeeded: value))
            append(UInt8(truncatingIfNeeded: value >> 8))
        case ...0xffff_ffff:
            append(0xfe)
            appendLittleEndian(UInt32(value))
        default:
            append(0xff)
            appendLittleEndian(UInt64(value))
        }
    }

    mutating func appendVarBytes(_ bytes: [UInt8]) {
        appendCompactSize(bytes.count)
        append(contentsOf: bytes)
    }
}

/// The number of bytes `appendCompactSize` writes for `value`.
func compactSizeLength(_ value: Int) -> Int {
    value < 0xfd ? 1 : value <= 0xffff ? 3 : value <= 0xffff_ffff ? 5 : 9
}
