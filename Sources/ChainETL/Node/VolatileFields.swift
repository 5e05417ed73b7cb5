/// Removes the members of a node answer that describe the node's current view rather than the block:
/// `confirmations` (grows with every new block) and `nextblockhash` (appears once a successor exists).
///
/// Without this, the same block fetched at two moments would be stored as two different answers: a re-fetch
/// could never be a no-op, and a run interrupted and resumed would not store what one clean run stores.
/// Works on the JSON text directly (top-level members only), so nothing else of the answer is re-encoded.
public enum VolatileFields {
    /// Top-level member names dropped from `getblock` and `getrawtransaction` answers.
    public static let names: Set<String> = ["confirmations", "nextblockhash"]

    /// The answer without the volatile top-level members; input that is not a JSON object is returned as is.
    public static func stripped(_ json: [UInt8]) -> [UInt8] {
        json.withUnsafeBufferPointer { bytes in
            var scanner = Scanner(bytes: bytes)
            scanner.skipWhitespace()
            guard scanner.peek == UInt8(ascii: "{") else { return json }
            var output: [UInt8] = []
            output.reserveCapacity(json.count)
            output.append(contentsOf: bytes[..<scanner.index])
            output.append(UInt8(ascii: "{"))
            scanner.index += 1
            var wroteMember = false
            while true {
                scanner.skipWhitespace()
                guard let byte = scanner.peek else { return json }
                if byte == UInt8(ascii: "}") {
                    output.append(contentsOf: bytes[scanner.index...])
                    return output
                }
                if byte == UInt8(ascii: ",") {
                    scanner.index += 1
                    continue
                }
                let memberStart = scanner.index
                guard let name = scanner.readString() else { return json }
                scanner.skipWhitespace()
                guard scanner.peek == UInt8(ascii: ":") else { return json }
                scanner.index += 1
                guard scanner.skipValue() else { return json }
                if !names.contains(name) {
                    if wroteMember { output.append(UInt8(ascii: ",")) }
                    output.append(contentsOf: bytes[memberStart..<scanner.index])
                    wroteMember = true
                }
            }
        }
    }

    /// A forward-only reader over JSON bytes that can skip whole values.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
        }

        /// Reads a string without escapes in it (member names of node answers never have any).
        mutating func readString() -> String? {
            guard peek == UInt8(ascii: "\"") else { return nil }
            let start = index + 1
            guard skipString() else { return nil }
            return String(decoding: bytes[start..<(index - 1)], as: UTF8.self)
        }

        mutating func skipString() -> Bool {
            index += 1
            while let byte = peek {
                index += 1
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    return true
                }
            }
            return false
        }

        mutating func skipValue() -> Bool {
            skipWhitespace()
            guard let first = peek else { return false }
            switch first {
            case UInt8(ascii: "\""):
                return skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while let byte = peek {
                    if byte == UInt8(ascii: "\"") {
                        guard skipString() else { return false }
                        continue
                    }
                    if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth += 1 }
                    if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") { depth -= 1 }
                    index += 1
                    if depth == 0 { return true }
                }
                return false
            default:
                while let byte = peek, byte != UInt8(ascii: ","), byte != UInt8(ascii: "}"), byte != UInt8(ascii: "]"),
                      byte != 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09 {
                    index += 1
                }
                return true
            }
        }
    }
}
