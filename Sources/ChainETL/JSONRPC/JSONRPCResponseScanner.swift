/// Finds where the `id`, `result` and `error` values of a JSON-RPC answer are, without building any values.
///
/// The scraper hands each block's `result` text straight to its own decoder, so parsing the envelope with a
/// general JSON parser would decode 10 MB blocks twice. This scanner only tracks strings (with escapes) and
/// bracket nesting, which runs at memory speed; it still rejects answers that are cut short or unbalanced.
/// Values nested inside a result are not validated: their decoder does that.
public struct JSONRPCResponseScanner {
    /// The value spans of one answer object; `nil` when the member is absent.
    public struct Element: Equatable, Sendable {
        /// The span of the `id` value (a number, a string, or `null`).
        public var id: Range<Int>?
        /// The span of the `result` value, exactly as sent.
        public var result: Range<Int>?
        /// The span of the `error` value (`null` on success in JSON-RPC 1.0 answers).
        public var error: Range<Int>?
    }

    /// A single answer object, or the array a batch request gets.
    public enum Shape: Equatable, Sendable {
        /// The answer to a single request.
        case single(Element)
        /// The answers to a batch, in the order the node sent them.
        case batch([Element])
    }

    /// Where and why the text is not a well-formed answer.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// The byte offset where scanning stopped.
        public var offset: Int
        /// What was expected or wrong there.
        public var reason: String
        public var description: String { "\(reason) at byte \(offset)" }
    }

    /// Scans a whole answer body.
    public static func scan(_ body: [UInt8]) throws(Failure) -> Shape {
        try body.withUnsafeBufferPointer { (buffer) throws(Failure) -> Shape in
            var scanner = JSONRPCResponseScanner(bytes: buffer)
            return try scanner.scanAnswer()
        }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var closers: [UInt8] = []

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        closers.reserveCapacity(64)
    }

    private mutating func scanAnswer() throws(Failure) -> Shape {
        skipWhitespace()
        let shape: Shape
        switch try peek() {
        case Byte.openBrace:
            shape = .single(try scanElement())
        case Byte.openBracket:
            position += 1
            var elements: [Element] = []
            skipWhitespace()
            if try peek() == Byte.closeBracket {
                position += 1
            } else {
                while true {
                    skipWhitespace()
                    elements.append(try scanElement())
                    skipWhitespace()
                    let next = try peek()
                    position += 1
                    if next == Byte.closeBracket { break }
                    guard next == Byte.comma else { throw failure("expected ',' or ']' between answers", at: position - 1) }
                }
            }
            shape = .batch(elements)
        default:
            throw failure("expected '{' or '['")
        }
        skipWhitespace()
        guard position == bytes.count else { throw failure("unexpected text after the answer") }
        return shape
    }

    /// Scans one answer object, remembering the spans of the members that matter.
    private mutating func scanElement() throws(Failure) -> Element {
        guard try peek() == Byte.openBrace else { throw failure("expected an answer object") }
        position += 1
        var element = Element()
        skipWhitespace()
        if try peek() == Byte.closeBrace {
            position += 1
            return element
        }
        while true {
            skipWhitespace()
            guard try peek() == Byte.quote else { throw failure("expected a member name") }
            let keyStart = position + 1
            try skipString()
            let key = keyStart..<(position - 1)
            skipWhitespace()
            guard try peek() == Byte.colon else { throw failure("expected ':'") }
            position += 1
            skipWhitespace()
            let value = try skipValue()
            if matches(key, "result") {
                element.result = value
            } else if matches(key, "error") {
                element.error = value
            } else if matches(key, "id") {
                element.id = value
            }
            skipWhitespace()
            let next = try peek()
            position += 1
            if next == Byte.closeBrace { return element }
            guard next == Byte.comma else { throw failure("expected ',' or '}' in an answer object", at: position - 1) }
        }
    }

    /// Skips one value starting at `position` and returns its span.
    private mutating func skipValue() throws(Failure) -> Range<Int> {
        let start = position
        switch try peek() {
        case Byte.quote: try skipString()
        case Byte.openBrace, Byte.openBracket: try skipContainer()
        default: try skipScalar()
        }
        return start..<position
    }

    /// Skips a string literal, honouring backslash escapes; `position` is on the opening quote.
    private mutating func skipString() throws(Failure) {
        let start = position
        position += 1
        let count = bytes.count
        while true {
            position = WordAtATime.firstStringBoundary(in: bytes, from: position, allowingNonASCII: true)
            guard position < count else { break }
            let byte = bytes[position]
            if byte == Byte.quote {
                position += 1
                return
            }
            if byte != Byte.backslash { throw failure("control character inside a string") }
            position += 2
        }
        position = count
        throw failure("string is not terminated (answer cut short?)", at: start)
    }

    /// Skips an object or array with everything nested in it, checking that brackets pair up.
    private mutating func skipContainer() throws(Failure) {
        let start = position
        closers.removeAll(keepingCapacity: true)
        let count = bytes.count
        while position < count {
            let byte = bytes[position]
            switch byte {
            case Byte.quote:
                try skipString()
                continue
            case Byte.openBrace: closers.append(Byte.closeBrace)
            case Byte.openBracket: closers.append(Byte.closeBracket)
            case Byte.closeBrace, Byte.closeBracket:
                guard closers.popLast() == byte else { throw failure("mismatched '\(Character(Unicode.Scalar(byte)))'") }
                if closers.isEmpty {
                    position += 1
                    return
                }
            default: break
            }
            position += 1
        }
        throw failure("object or array is not closed (answer cut short?)", at: start)
    }

    /// Skips `true`, `false`, `null` or a number, validating it: a top-level scalar is the whole result
    /// (`getblockcount`), so a cut-short or garbled one must not pass.
    private mutating func skipScalar() throws(Failure) {
        let start = position
        while position < bytes.count, !Byte.endsScalar(bytes[position]) { position += 1 }
        let text = UnsafeBufferPointer(rebasing: bytes[start..<position])
        guard !text.isEmpty, Self.isLiteral(text) || Self.isNumber(text) else {
            throw failure("invalid value", at: start)
        }
    }

    private static func isLiteral(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.elementsEqual("true".utf8) || text.elementsEqual("false".utf8) || text.elementsEqual("null".utf8)
    }

    /// JSON's number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isNumber(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < text.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[index]) { index += 1 }
            return index - start
        }
        if index < text.count, text[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || text[integerStart] != UInt8(ascii: "0") else { return false }
        if index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < text.count, text[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == text.count
    }

    private func matches(_ span: Range<Int>, _ name: StaticString) -> Bool {
        guard span.count == name.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        return UnsafeBufferPointer(rebasing: bytes[span]).elementsEqual(expected)
    }

    private func peek() throws(Failure) -> UInt8 {
        guard position < bytes.count else { throw failure("answer ends early (cut short?)") }
        return bytes[position]
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, Byte.isWhitespace(bytes[position]) { position += 1 }
    }

    private func failure(_ reason: String, at offset: Int? = nil) -> Failure {
        Failure(offset: offset ?? position, reason: reason)
    }
}

/// The bytes JSON's structure is made of.
private enum Byte {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let colon = UInt8(ascii: ":")
    static let comma = UInt8(ascii: ",")

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    static func endsScalar(_ byte: UInt8) -> Bool {
        isWhitespace(byte) || byte == comma || byte == closeBrace || byte == closeBracket
    }
}
