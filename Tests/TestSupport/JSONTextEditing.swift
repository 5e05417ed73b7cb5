/// Edits recorded node answers as JSON text, without turning them into values: amounts keep their exact
/// digits (a round trip through `JSONSerialization` would pass them through `Double`), so an edited answer
/// differs from the recording only where the test means it to.
///
/// Only for well-formed JSON such as recorded answers; malformed input gives unspecified text, never a crash.
public enum JSONTextEditing {
    /// `text` without any object member called `name`, at any depth (every `prevout` of a verbosity-3 block,
    /// say). Whitespace between tokens is dropped; every token is kept byte for byte.
    public static func removingMembers(named name: String, from text: String) -> String {
        let bytes = Array(text.utf8)
        var start = skipWhitespace(bytes, 0)
        guard start < bytes.count else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        rewrite(bytes, &start, removing: Array(name.utf8), into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// The text of each element of the array that is member `name` of the top-level object (`tx` of a block);
    /// nil when there is no such array.
    public static func elements(ofMember name: String, in text: String) -> [String]? {
        let bytes = Array(text.utf8)
        guard let value = topLevelValue(named: Array(name.utf8), in: bytes), bytes[value.lowerBound] == UInt8(ascii: "[") else {
            return nil
        }
        var elements: [String] = []
        var index = skipWhitespace(bytes, value.lowerBound + 1)
        while index < value.upperBound, bytes[index] != UInt8(ascii: "]") {
            let end = valueEnd(bytes, index)
            elements.append(String(decoding: bytes[index..<end], as: UTF8.self))
            index = skipWhitespace(bytes, end)
            if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index = skipWhitespace(bytes, index + 1) }
        }
        return elements
    }

    /// The text of the top-level object's member `name` (the `result` of a JSON-RPC envelope, say); nil when
    /// there is no such member.
    public static func value(ofMember name: String, in text: String) -> String? {
        let bytes = Array(text.utf8)
        return topLevelValue(named: Array(name.utf8), in: bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// `text` with the value of the top-level object's member `name` replaced by `value` (JSON text); nil when
    /// there is no such member.
    public static func replacingValue(ofMember name: String, in text: String, with value: String) -> String? {
        let bytes = Array(text.utf8)
        guard let range = topLevelValue(named: Array(name.utf8), in: bytes) else { return nil }
        return String(decoding: bytes[..<range.lowerBound] + Array(value.utf8) + bytes[range.upperBound...], as: UTF8.self)
    }

    // MARK: - Scanning

    private static let quote = UInt8(ascii: "\"")

    /// The range of the value of member `name` of the object that starts `bytes`.
    private static func topLevelValue(named name: [UInt8], in bytes: [UInt8]) -> Range<Int>? {
        var index = skipWhitespace(bytes, 0)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        index = skipWhitespace(bytes, index + 1)
        while index < bytes.count, bytes[index] == quote {
            let keyEnd = stringEnd(bytes, index)
            let key = Array(bytes[(index + 1)..<(keyEnd - 1)])
            let valueStart = skipWhitespace(bytes, skipWhitespace(bytes, keyEnd) + 1)  // past the colon
            let end = valueEnd(bytes, valueStart)
            if key == name { return valueStart..<end }
            index = skipWhitespace(bytes, end)
            if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index = skipWhitespace(bytes, index + 1) }
        }
        return nil
    }

    /// Copies the value at `index` to `output` without members called `name`, and moves `index` past it.
    private static func rewrite(_ bytes: [UInt8], _ index: inout Int, removing name: [UInt8], into output: inout [UInt8]) {
        switch bytes[index] {
        case UInt8(ascii: "{"):
            output.append(UInt8(ascii: "{"))
            index = skipWhitespace(bytes, index + 1)
            var first = true
            while index < bytes.count, bytes[index] == quote {
                let keyStart = index
                let keyEnd = stringEnd(bytes, index)
                index = skipWhitespace(bytes, skipWhitespace(bytes, keyEnd) + 1)  // past the colon
                if Array(bytes[(keyStart + 1)..<(keyEnd - 1)]) == name {
                    index = valueEnd(bytes, index)
                } else {
                    if !first { output.append(UInt8(ascii: ",")) }
                    first = false
                    output.append(contentsOf: bytes[keyStart..<keyEnd])
                    output.append(UInt8(ascii: ":"))
                    rewrite(bytes, &index, removing: name, into: &output)
                }
                index = skipWhitespace(bytes, index)
                if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index = skipWhitespace(bytes, index + 1) }
            }
            output.append(UInt8(ascii: "}"))
            index += 1
        case UInt8(ascii: "["):
            output.append(UInt8(ascii: "["))
            index = skipWhitespace(bytes, index + 1)
            var first = true
            while index < bytes.count, bytes[index] != UInt8(ascii: "]") {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                rewrite(bytes, &index, removing: name, into: &output)
                index = skipWhitespace(bytes, index)
                if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index = skipWhitespace(bytes, index + 1) }
            }
            output.append(UInt8(ascii: "]"))
            index += 1
        default:
            let end = valueEnd(bytes, index)
            output.append(contentsOf: bytes[index..<end])
            index = end
        }
    }

    /// The index just past the value that starts at `index`.
    private static func valueEnd(_ bytes: [UInt8], _ index: Int) -> Int {
        guard index < bytes.count else { return index }
        switch bytes[index] {
        case quote:
            return stringEnd(bytes, index)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var position = index
            while position < bytes.count {
                switch bytes[position] {
                case quote:
                    position = stringEnd(bytes, position)
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return position + 1 }
                default:
                    break
                }
                position += 1
            }
            return position
        default:
            var position = index
            while position < bytes.count, !isDelimiter(bytes[position]) { position += 1 }
            return position
        }
    }

    /// The index just past the string whose opening quote is at `index`.
    private static func stringEnd(_ bytes: [UInt8], _ index: Int) -> Int {
        var position = index + 1
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "\\") {
                position += 2
            } else if bytes[position] == quote {
                return position + 1
            } else {
                position += 1
            }
        }
        return position
    }

    private static func skipWhitespace(_ bytes: [UInt8], _ index: Int) -> Int {
        var position = index
        while position < bytes.count, isWhitespace(bytes[position]) { position += 1 }
        return position
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        isWhitespace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
    }
}
