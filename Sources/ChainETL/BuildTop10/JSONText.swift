/// The few JSON building blocks the export needs, written by hand so that key order is the table's column order
/// and numbers are copied from PostgreSQL's text without passing through a Double.
enum JSONText {
    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped; other characters,
    /// including non-ASCII, are written as UTF-8.
    static func appendString(_ text: String, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        // Most values (addresses, txids, dates) need no escaping: copy them whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            buffer.append(contentsOf: text.utf8)
            buffer.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): buffer.append(contentsOf: Array(#"\""#.utf8))
            case UInt8(ascii: "\\"): buffer.append(contentsOf: Array(#"\\"#.utf8))
            case 0x0A: buffer.append(contentsOf: Array(#"\n"#.utf8))
            case 0x0D: buffer.append(contentsOf: Array(#"\r"#.utf8))
            case 0x09: buffer.append(contentsOf: Array(#"\t"#.utf8))
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                buffer.append(contentsOf: Array(#"\u00"#.utf8))
                buffer.append(hex[Int(byte >> 4)])
                buffer.append(hex[Int(byte & 0x0F)])
            default: buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// Appends raw JSON text (a number, `true`, `null`, an embedded document).
    static func appendRaw(_ text: String, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: text.utf8)
    }

    /// Whether `text` is a number by JSON's grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    /// PostgreSQL prints `NaN`, `Infinity` and `-Infinity`, which JSON has no spelling for.
    static func isNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        func digits() -> Int {
            let count = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        if bytes.first == UInt8(ascii: "0") {
            bytes = bytes.dropFirst()
        } else if digits() == 0 {
            return false
        }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// PostgreSQL's ISO timestamp text in a UTC session (`2020-09-13 12:26:40.5+00`) as ISO 8601
    /// (`2020-09-13T12:26:40.5Z`). `timestamp` without a zone keeps no suffix; `infinity` and BC dates are
    /// returned unchanged.
    static func isoTimestamp(_ text: String) -> String {
        guard !text.hasSuffix(" BC"), let space = text.firstIndex(of: " ") else { return text }
        var iso = text
        iso.replaceSubrange(space...space, with: "T")
        if iso.hasSuffix("+00") { iso.removeLast(3); iso += "Z" }
        return iso
    }
}
