/// bytea travels as text in hex form (`\x0aff…`) both as a query parameter and in results (with
/// `bytea_output = hex`, which `PostgresConnection` sets). Pure helpers, shared by parameters, rows and COPY.
public enum ByteaHex {
    /// `\x` followed by two hex digits per byte: the bytea input syntax.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var text: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        text.reserveCapacity(2 + bytes.count * 2)
        appendHexDigits(of: bytes, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends two hex digits per byte to `buffer` (no prefix).
    static func appendHexDigits(of bytes: some Collection<UInt8>, to buffer: inout [UInt8]) {
        Hex.append(bytes, to: &buffer)
    }

    /// Decodes `\x…` text; nil if the prefix is missing or a digit is not hex.
    public static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        guard text.starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "x")]) else { return nil }
        return Hex.decode(ascii: text.dropFirst(2))
    }
}
