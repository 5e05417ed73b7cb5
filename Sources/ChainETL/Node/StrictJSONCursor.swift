import Foundation

/// A forward-only reader over the bytes of a JSON answer that accepts only a plain subset of JSON: ASCII strings
/// without escapes, integers where integers are expected, nesting at most 64 deep. That subset is all a node
/// writes, and inside it every answer the cursor accepts is one `JSONDecoder` accepts with the same values.
/// Anything else throws `Unsupported`, and the caller decodes the answer again with `JSONDecoder`, which gives
/// the exact result or error. So this is a fast path only: it never decides that an answer is bad.
struct StrictJSONCursor {
    /// The answer is outside the subset; decode it with `JSONDecoder`.
    struct Unsupported: Error {}

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: Structure

    /// Reads an object, calling `member` with each key; `member` must read or skip the value.
    mutating func object(_ member: (inout StrictJSONCursor, UnsafeBufferPointer<UInt8>) throws(Unsupported) -> Void) throws(Unsupported) {
        try consume(UInt8(ascii: "{"))
        if try peekAfterWhitespace() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            let key = try rawString()
            try consume(UInt8(ascii: ":"))
            try member(&self, key)
            switch try nextByte() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): return
            default: throw Unsupported()
            }
        }
    }

    /// Reads an array, calling `element` for each element; `element` must read or skip it.
    mutating func array(_ element: (inout StrictJSONCursor) throws(Unsupported) -> Void) throws(Unsupported) {
        try consume(UInt8(ascii: "["))
        if try peekAfterWhitespace() == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            try element(&self)
            switch try nextByte() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): return
            default: throw Unsupported()
            }
        }
    }

    /// Where the next value starts, after whitespace.
    mutating func offsetOfNextValue() throws(Unsupported) -> Int {
        _ = try peekAfterWhitespace()
        return index
    }

    /// Where a member name returned by `object` starts in the answer: the offset of its opening quote.
    func offset(of key: UnsafeBufferPointer<UInt8>) -> Int {
        // Keys are slices of `bytes`, so both addresses exist (an empty key still points at its closing quote).
        key.baseAddress! - bytes.baseAddress! - 1
    }

    /// Requires that only whitespace follows.
    mutating func end() throws(Unsupported) {
        skipWhitespace()
        guard index == bytes.count else { throw Unsupported() }
    }

    // MARK: Values

    mutating func string() throws(Unsupported) -> String {
        String(decoding: try rawString(), as: UTF8.self)
    }

    /// Consumes `null` and returns true, or returns false and consumes nothing.
    mutating func null() throws(Unsupported) -> Bool {
        guard try peekAfterWhitespace() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    mutating func bool() throws(Unsupported) -> Bool {
        switch try peekAfterWhitespace() {
        case UInt8(ascii: "t"): try literal("true"); return true
        case UInt8(ascii: "f"): try literal("false"); return false
        default: throw Unsupported()
        }
    }

    /// An integer written without fraction or exponent, that fits `T`.
    mutating func integer<T: FixedWidthInteger>(_: T.Type = T.self) throws(Unsupported) -> T {
        let number = try numberText()
        guard !number.hasFraction, !number.hasExponent else { throw Unsupported() }
        var magnitude: UInt64 = 0
        for byte in bytes[number.digits] {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte &- UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { throw Unsupported() }
            magnitude = sum
        }
        if number.isNegative {
            guard magnitude <= UInt64(Int64.max), let value = T(exactly: -Int64(magnitude)) else { throw Unsupported() }
            return value
        }
        guard let value = T(exactly: magnitude) else { throw Unsupported() }
        return value
    }

    /// A finite number read with Swift's correctly rounded parser, as `JSONDecoder` reads it.
    mutating func double() throws(Unsupported) -> Double {
        let number = try numberText()
        guard let value = Double(String(decoding: bytes[number.range], as: UTF8.self)), value.isFinite else {
            throw Unsupported()
        }
        return value
    }

    /// A non-negative number of at most 19 significant digits, exactly.
    mutating func amount() throws(Unsupported) -> NodeAmount {
        let number = try numberText()
        guard !number.isNegative else { throw Unsupported() }
        var significand: UInt64 = 0
        var fractionDigits = 0
        var position = number.digits.lowerBound
        var inFraction = false
        while position < number.exponentStart {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: ".") {
                inFraction = true
                continue
            }
            let (times10, overflow1) = significand.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte &- UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { throw Unsupported() }
            significand = sum
            if inFraction { fractionDigits += 1 }
        }
        var exponent = 0
        if number.hasExponent {
            position += 1  // e or E
            var negative = false
            if bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+") {
                negative = bytes[position] == UInt8(ascii: "-")
                position += 1
            }
            while position < number.range.upperBound {
                exponent = exponent * 10 + Int(bytes[position] &- UInt8(ascii: "0"))
                guard exponent <= 100 else { throw Unsupported() }
                position += 1
            }
            if negative { exponent = -exponent }
        }
        return NodeAmount(significand: significand, exponent: Int32(exponent - fractionDigits))
    }

    /// Skips any value, checking that it is in the subset.
    mutating func skipValue(depth: Int = 0) throws(Unsupported) {
        guard depth < 64 else { throw Unsupported() }
        switch try peekAfterWhitespace() {
        case UInt8(ascii: "\""): _ = try rawString()
        case UInt8(ascii: "{"): try object { cursor, _ throws(Unsupported) in try cursor.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["): try array { cursor throws(Unsupported) in try cursor.skipValue(depth: depth + 1) }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try numberText()
        }
    }

    // MARK: Lexing

    private mutating func skipWhitespace() {
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            index += 1
        }
    }

    private mutating func peekAfterWhitespace() throws(Unsupported) -> UInt8 {
        skipWhitespace()
        guard index < bytes.count else { throw Unsupported() }
        return bytes[index]
    }

    private mutating func nextByte() throws(Unsupported) -> UInt8 {
        let byte = try peekAfterWhitespace()
        index += 1
        return byte
    }

    private mutating func consume(_ expected: UInt8) throws(Unsupported) {
        guard try nextByte() == expected else { throw Unsupported() }
    }

    private mutating func literal(_ word: StaticString) throws(Unsupported) {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw Unsupported() }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw Unsupported() }
        index += count
    }

    /// The bytes of a string between its quotes; printable ASCII only, no escapes.
    private mutating func rawString() throws(Unsupported) -> UnsafeBufferPointer<UInt8> {
        try consume(UInt8(ascii: "\""))
        let start = index
        // Escapes, control characters and non-ASCII are outside the subset: the general decoder handles them.
        let end = WordAtATime.firstStringBoundary(in: bytes, from: start)
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { throw Unsupported() }
        index = end + 1
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// Where a number's parts are, once its grammar (RFC 8259) is checked.
    private struct NumberText {
        var range: Range<Int>
        var isNegative: Bool
        /// The integer digits and the fraction, up to `exponentStart`.
        var digits: Range<Int>
        var exponentStart: Int
        var hasFraction: Bool
        var hasExponent: Bool { exponentStart < range.upperBound }
    }

    private mutating func numberText() throws(Unsupported) -> NumberText {
        skipWhitespace()
        let start = index
        let isNegative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
        if isNegative { index += 1 }
        let digitsStart = index
        guard index < bytes.count, isDigit(bytes[index]) else { throw Unsupported() }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        var hasFraction = false
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            hasFraction = true
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw Unsupported() }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let exponentStart = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw Unsupported() }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return NumberText(range: start..<index, isNegative: isNegative, digits: digitsStart..<exponentStart,
                          exponentStart: exponentStart, hasFraction: hasFraction)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether these bytes spell `word` (a JSON member name).
    func spells(_ word: StaticString) -> Bool {
        count == word.utf8CodeUnitCount && (count == 0 || memcmp(baseAddress!, word.utf8Start, count) == 0)
    }
}
