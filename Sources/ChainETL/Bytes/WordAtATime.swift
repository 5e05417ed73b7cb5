/// Byte scans that test eight bytes per step ("SWAR": SIMD within a register) for the loops that read every
/// byte of a node's answer: finding the end of a string and checking hex text. A mainnet block at verbosity 3
/// is about 9 MB, most of it long hex strings, and the byte-at-a-time versions of these loops were a third of
/// scrape's CPU time.
///
/// Each function is exact: a word that might hold an interesting byte is looked at byte by byte, so the fast
/// path only ever skips words that certainly hold none.
enum WordAtATime {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The first index at or after `start` whose byte is a quote, a backslash or below 0x20 (and, unless
    /// `allowingNonASCII`, at or above 0x80): where a JSON string ends or needs a closer look. `bytes.count` if
    /// there is none.
    static func firstStringBoundary(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int, allowingNonASCII: Bool = false
    ) -> Int {
        firstIndex(in: bytes, from: start, stopsAt: { byte in
            byte == 0x22 || byte == 0x5C || byte < 0x20 || (!allowingNonASCII && byte >= 0x80)
        }) { word in
            var suspicious = hasZeroByte(word ^ (ones &* 0x22)) | hasZeroByte(word ^ (ones &* 0x5C))
                | hasByteBelow(word, 0x20)
            if !allowingNonASCII { suspicious |= word & highBits }
            return suspicious != 0
        }
    }

    /// The first index at or after `start` whose byte COPY's text format escapes (backslash, tab, newline,
    /// carriage return); `bytes.count` if there is none. Txids, addresses and script types have none, so the
    /// COPY encoder copies them in one call after one pass of eight bytes a step.
    static func firstCopyTextEscape(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        firstIndex(in: bytes, from: start, stopsAt: isCopyTextEscaped) { word in
            hasZeroByte(word ^ (ones &* 0x5C)) | hasByteBelow(word, 0x0E) != 0
        }
    }

    /// The byte-at-a-time definition `firstCopyTextEscape` must agree with.
    static func isCopyTextEscaped(_ byte: UInt8) -> Bool {
        byte == 0x5C || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Whether every byte is a hex digit (`0-9`, `a-f`, `A-F`).
    static func isAllHexDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var index = 0
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            guard word & highBits == 0 else { return false }
            let hex = bytesBetween(word, 0x2F, 0x3A) | bytesBetween(word, 0x60, 0x67) | bytesBetween(word, 0x40, 0x47)
            guard hex == highBits else { return false }
            index += 8
        }
        while index < count {
            guard isHexDigit(base[index]) else { return false }
            index += 1
        }
        return true
    }

    /// The byte-at-a-time definition `isAllHexDigits` must agree with.
    static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
    }

    /// The first index at or after `start` whose byte `stopsAt`, skipping eight bytes at a time while
    /// `mightStop` says a word certainly holds no such byte; `bytes.count` if there is none.
    @inline(__always)
    private static func firstIndex(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int, stopsAt: (UInt8) -> Bool,
        mightStop: (UInt64) -> Bool
    ) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var index = start
        while index + 8 <= count, !mightStop(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
            index += 8
        }
        while index < count {
            if stopsAt(base[index]) { return index }
            index += 1
        }
        return count
    }

    /// Non-zero if some byte of `word` is zero (exact for "some", the marked positions may include false ones
    /// above a true zero, which the byte-wise fallback sorts out).
    private static func hasZeroByte(_ word: UInt64) -> UInt64 {
        (word &- ones) & ~word & highBits
    }

    /// Non-zero if some byte of `word` is below `limit` (at most 128); as exact as `hasZeroByte`.
    private static func hasByteBelow(_ word: UInt64, _ limit: UInt64) -> UInt64 {
        (word &- ones &* limit) & ~word & highBits
    }

    /// The high bit of each byte that lies strictly between `low` and `high`, for words whose bytes are all
    /// below 0x80 (exact per byte: no borrow or carry crosses a byte for such words).
    private static func bytesBetween(_ word: UInt64, _ low: UInt64, _ high: UInt64) -> UInt64 {
        let low7 = word & (ones &* 0x7F)
        return ((ones &* (0x7F + high)) &- low7) & ~word & (low7 &+ ones &* (0x7F - low)) & highBits
    }
}
