/// bytea travels as text in hex form (`\x0aff…`) both as a query parameter and in results (with
/// `bytea_output = hex`, which `PostgresConnection` sets). Pure helpers, shared by parameters, rows and COPY.
public enum ByteaHex {
    /// Lower-case hex digits, indexed by nibble.
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// `\x` followed by two hex digits per byte: the bytea input syntax.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var text: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        text.reserveCapacity(2 + bytes.count * 2)
        appendHexDigits(of: bytes, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends two hex digits per byte to `buffer` (no prefix).
    static func appendHexDigits(of bytes: some Collection<UInt8>, to buffer: inout [UInt8]) {
        for byte in bytes {
            buffer.append(digits[Int(byte >> 4)])
            buffer.append(digits[Int(byte & 0x0f)])
        }
    }

    /// Decodes `\x…` text; nil if the prefix is missing or a digit is not hex.
    public static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        let chars = Array(text)
        guard chars.count >= 2, chars[0] == UInt8(ascii: "\\"), chars[1] == UInt8(ascii: "x"),
              chars.count % 2 == 0
        else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((chars.count - 2) / 2)
        var index = 2
        while index < chars.count {
            guard let high = nibble(chars[index]), let low = nibble(chars[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return char - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
