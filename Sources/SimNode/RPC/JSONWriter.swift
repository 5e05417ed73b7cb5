import ChainETL
import Foundation

/// Appends JSON to a byte buffer, tracking commas, so answers of many megabytes are rendered without
/// building an object tree or going through JSONEncoder.
struct JSONWriter {
    var bytes: [UInt8] = []
    private var needsComma = false

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
        needsComma = true
    }

    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        needsComma = true
    }

    mutating func rawBytes(_ data: [UInt8]) {
        bytes.append(contentsOf: data)
        needsComma = true
    }

    /// Separates array elements; call before each element.
    mutating func comma() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = false
    }

    mutating func beginObject() { bytes.append(UInt8(ascii: "{")); needsComma = false }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    mutating func beginArray() { bytes.append(UInt8(ascii: "[")); needsComma = false }
    mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    /// Writes `"key":` (with a leading comma when needed).
    mutating func key(_ name: StaticString) {
        comma()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func key(_ name: String) {
        comma()
        appendEscaped(name)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func string(_ text: String) {
        appendEscaped(text)
        needsComma = true
    }

    mutating func integer(_ value: Int) {
        AmountFormatting.appendInteger(Int64(value), to: &bytes)
        needsComma = true
    }

    mutating func integer(_ value: Int64) {
        AmountFormatting.appendInteger(value, to: &bytes)
        needsComma = true
    }

    /// An amount as bitcoind prints it: a JSON number with exactly 8 decimals.
    mutating func amount(_ value: Int64) {
        AmountFormatting.append(value, decimals: 8, to: &bytes)
        needsComma = true
    }

    /// A Double as Core's UniValue prints it (17 significant digits at most, `%.16g` style).
    mutating func double(_ value: Double) {
        raw(String(format: "%.16g", value))
    }

    mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }
    mutating func null() { raw("null") }

    mutating func hex(_ data: [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        Hex.append(data, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    mutating func hash(_ value: Hash256) {
        bytes.append(UInt8(ascii: "\""))
        value.appendDisplayHex(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    private mutating func appendEscaped(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5c, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5c, 0x5c])
            case 0x0a: bytes.append(contentsOf: [0x5c, UInt8(ascii: "n")])
            case 0..<0x20: bytes.append(contentsOf: Array(String(format: "\\u%04x", byte).utf8))
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
