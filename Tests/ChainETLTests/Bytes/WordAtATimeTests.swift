import Testing

@testable import ChainETL

/// The eight-bytes-at-a-time scans must give exactly what the obvious byte loops give, at every offset and
/// alignment, for every byte value: a missed quote would end a string in the wrong place.
@Suite("WordAtATime: word-wise scans agree with byte-wise ones")
struct WordAtATimeTests {
    private static func boundaryByteByByte(_ bytes: [UInt8], from start: Int, allowingNonASCII: Bool) -> Int {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 || byte == 0x5C || byte < 0x20 || (!allowingNonASCII && byte >= 0x80) { return index }
            index += 1
        }
        return max(start, bytes.count)
    }

    @Test("every single special byte is found at every position of a clean run", arguments: [false, true])
    func everySpecialByte(allowingNonASCII: Bool) {
        for value in 0...255 {
            let byte = UInt8(value)
            for position in 0..<19 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 19)
                bytes[position] = byte
                for start in 0...position {
                    let expected = Self.boundaryByteByByte(bytes, from: start, allowingNonASCII: allowingNonASCII)
                    let found = bytes.withUnsafeBufferPointer {
                        WordAtATime.firstStringBoundary(in: $0, from: start, allowingNonASCII: allowingNonASCII)
                    }
                    #expect(found == expected, "byte \(value) at \(position), start \(start)")
                }
            }
        }
    }

    @Test("random texts mixing hex, specials and high bytes", arguments: [false, true])
    func randomTexts(allowingNonASCII: Bool) {
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789abcdefABCDEF \"\\".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xFF]
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...64, using: &random)
            let bytes = (0..<length).map { _ in
                Int.random(in: 0..<10, using: &random) == 0
                    ? alphabet.randomElement(using: &random)! : UInt8(ascii: "f")
            }
            let start = Int.random(in: 0...length, using: &random)
            let found = bytes.withUnsafeBufferPointer {
                WordAtATime.firstStringBoundary(in: $0, from: start, allowingNonASCII: allowingNonASCII)
            }
            #expect(found == Self.boundaryByteByByte(bytes, from: start, allowingNonASCII: allowingNonASCII), "\(bytes)")
        }
    }

    @Test("hex digits: every byte value at every position of a 17-byte text")
    func hexDigits() {
        for value in 0...255 {
            let byte = UInt8(value)
            let isHex = (0x30...0x39).contains(value) || (0x61...0x66).contains(value) || (0x41...0x46).contains(value)
            #expect(WordAtATime.isHexDigit(byte) == isHex)
            for position in 0..<17 {
                var bytes = Array("0123456789abcdefA".utf8)
                bytes[position] = byte
                let result = bytes.withUnsafeBufferPointer(WordAtATime.isAllHexDigits)
                #expect(result == isHex, "byte \(value) at \(position)")
            }
        }
        #expect([UInt8]().withUnsafeBufferPointer(WordAtATime.isAllHexDigits))
        #expect(Array("00ffAAbb99887766554433221100ffee".utf8).withUnsafeBufferPointer(WordAtATime.isAllHexDigits))
    }

    @Test("COPY escapes: every byte value at every position and start of a 19-byte clean run")
    func copyTextEscapes() {
        for value in 0...255 {
            let byte = UInt8(value)
            #expect(WordAtATime.isCopyTextEscaped(byte) == [0x5C, 0x09, 0x0A, 0x0D].contains(byte))
            for position in 0..<19 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 19)
                bytes[position] = byte
                for start in 0...19 {
                    let expected = bytes[min(start, 19)...].firstIndex(where: WordAtATime.isCopyTextEscaped) ?? 19
                    let found = bytes.withUnsafeBufferPointer { WordAtATime.firstCopyTextEscape(in: $0, from: start) }
                    #expect(found == expected, "byte \(value) at \(position), start \(start)")
                }
            }
        }
    }
}
