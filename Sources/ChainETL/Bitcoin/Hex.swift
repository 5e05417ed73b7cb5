/// Lower-case hexadecimal, as bitcoind prints scripts, raw transactions and hashes.
public enum Hex {
    /// Lower-case hex digits, indexed by nibble (also used by the COPY encoder's bytea fast path).
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Lower-case hex of `bytes`.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var ascii: [UInt8] = []
        ascii.reserveCapacity(bytes.underestimatedCount * 2)
        append(bytes, to: &ascii)
        return String(decoding: ascii, as: UTF8.self)
    }

    /// Appends the hex digits of `bytes` as ASCII to `buffer` (used by the JSON renderers).
    public static func append(_ bytes: some Sequence<UInt8>, to buffer: inout [UInt8]) {
        for byte in bytes { appendByte(byte, to: &buffer) }
    }

    /// Appends the two hex digits of one byte.
    @inline(__always)
    public static func appendByte(_ byte: UInt8, to buffer: inout [UInt8]) {
        digits.withUnsafeBufferPointer { table in
            buffer.append(table[Int(byte >> 4)])
            buffer.append(table[Int(byte & 0x0f)])
        }
    }

    /// Decodes hex (either case); nil for an odd length or a non-hex character.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        decode(ascii: text.utf8)
    }

    /// Decodes hex given as ASCII bytes (either case); nil for an odd length or a non-hex character.
    public static func decode(ascii text: some Collection<UInt8>) -> [UInt8]? {
        let ascii = Array(text)
        guard ascii.count % 2 == 0 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(ascii.count / 2)
        var index = 0
        while index < ascii.count {
            guard let high = value(of: ascii[index]), let low = value(of: ascii[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
