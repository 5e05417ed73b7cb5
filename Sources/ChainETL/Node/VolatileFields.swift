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
        guard let pieces = keptPieces(json) else { return json }
        var output: [UInt8] = []
        output.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
        json.withUnsafeBufferPointer { bytes in
            for piece in pieces {
                switch piece {
                case .comma: output.append(UInt8(ascii: ","))
                case .bytes(let range): output.append(contentsOf: bytes[range])
                }
            }
        }
        return output
    }

    /// `stripped(json)` as text, copied once straight into the string's storage: a block answer is ~10 MB, and
    /// every intermediate copy costs time and peak memory. Invalid UTF-8 is repaired as `String(decoding:)` does.
    public static func strippedText(_ json: [UInt8]) -> String {
        guard let pieces = keptPieces(json) else { return String(decoding: json, as: UTF8.self) }
        return text(of: json, pieces: pieces)
    }

    /// The pieces of `json` joined, copied once into a string's storage.
    private static func text(of json: [UInt8], pieces: [Piece]) -> String {
        let count = pieces.reduce(0) { $0 + $1.count }
        return json.withUnsafeBufferPointer { bytes in
            String(unsafeUninitializedCapacity: count) { buffer in
                var written = 0
                for piece in pieces {
                    switch piece {
                    case .comma:
                        buffer[written] = UInt8(ascii: ",")
                        written += 1
                    case .bytes(let range):
                        let part = UnsafeBufferPointer(rebasing: bytes[range])
                        _ = UnsafeMutableBufferPointer(rebasing: buffer[written..<(written + part.count)]).initialize(from: part)
                        written += part.count
                    }
                }
                return written
            }
        }
    }

    /// A part of the stripped answer: a run of the original bytes, or a comma between two kept members.
    private enum Piece {
        case bytes(Range<Int>)
        case comma

        var count: Int {
            switch self {
            case .bytes(let range): return range.count
            case .comma: return 1
            }
        }
    }

    /// `strippedText(json)` for an answer a parser already walked: the same text, without scanning it again.
    static func strippedText(_ json: [UInt8], layout: JSONObjectLayout) -> String {
        text(of: json, pieces: json.withUnsafeBufferPointer { bytes in
            var pieces: [Piece] = [.bytes(0..<(layout.openBrace + 1))]
            var wroteMember = false
            for member in layout.members {
                var nameEnd = member.key + 1
                while bytes[nameEnd] != UInt8(ascii: "\"") { nameEnd += 1 }
                let name = String(decoding: bytes[(member.key + 1)..<nameEnd], as: UTF8.self)
                if names.contains(name) { continue }
                if wroteMember { pieces.append(.comma) }
                pieces.append(.bytes(member.key..<member.end))
                wroteMember = true
            }
            pieces.append(.bytes(layout.closeBrace..<bytes.count))
            return pieces
        })
    }

    /// The pieces that make up the stripped answer, in order; nil when `json` is not a JSON object this
    /// scanner can read (it is then kept as is).
    private static func keptPieces(_ json: [UInt8]) -> [Piece]? {
        json.withUnsafeBufferPointer { bytes -> [Piece]? in
            var scanner = Scanner(bytes: bytes)
            scanner.skipWhitespace()
            guard scanner.peek == UInt8(ascii: "{") else { return nil }
            // Leading whitespace and the brace, then members joined by commas, then the closing brace onwards.
            var kept: [Piece] = [.bytes(0..<(scanner.index + 1))]
            scanner.index += 1
            var wroteMember = false
            while true {
                scanner.skipWhitespace()
                guard let byte = scanner.peek else { return nil }
                if byte == UInt8(ascii: "}") {
                    kept.append(.bytes(scanner.index..<bytes.count))
                    return kept
                }
                if byte == UInt8(ascii: ",") {
                    scanner.index += 1
                    continue
                }
                let memberStart = scanner.index
                guard let name = scanner.readString() else { return nil }
                scanner.skipWhitespace()
                guard scanner.peek == UInt8(ascii: ":") else { return nil }
                scanner.index += 1
                guard scanner.skipValue() else { return nil }
                if !names.contains(name) {
                    if wroteMember { kept.append(.comma) }
                    kept.append(.bytes(memberStart..<scanner.index))
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
