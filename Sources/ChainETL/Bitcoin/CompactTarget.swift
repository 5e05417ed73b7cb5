/// The compact `bits` field of a block header and what follows from it: the target a block hash must not
/// exceed, the `difficulty` bitcoind reports (a ratio, so a Double is right here; it is not money), and
/// the expected work that `chainwork` accumulates.
public struct CompactTarget: Sendable, Hashable {
    /// The header field.
    public var bits: UInt32

    public init(bits: UInt32) { self.bits = bits }

    /// Encodes a target the way Core's `GetCompact` does.
    public init(target: UInt256) {
        var size = 0
        for (index, word) in target.words.enumerated().reversed() where word != 0 {
            size = index * 8 + (8 - word.leadingZeroBitCount / 8)
            break
        }
        var compact: UInt64
        if size <= 3 {
            compact = target.limbs.0 << (8 * UInt64(3 - size))
        } else {
            var shifted = target
            for _ in 0..<(size - 3) { shifted = UInt256(words: Self.shiftRightByte(shifted.words)) }
            compact = shifted.limbs.0
        }
        if compact & 0x0080_0000 != 0 {
            compact >>= 8
            size += 1
        }
        bits = UInt32(compact & 0x007f_ffff) | UInt32(size) << 24
    }

    private static func shiftRightByte(_ words: [UInt64]) -> [UInt64] {
        var result = words
        for index in 0..<4 {
            result[index] = words[index] >> 8 | (index < 3 ? words[index + 1] << 56 : 0)
        }
        return result
    }

    /// The target; nil when the encoding is negative or overflows (invalid in a header).
    public var target: UInt256? {
        let exponent = Int(bits >> 24)
        let mantissa = UInt64(bits & 0x007f_ffff)
        guard bits & 0x0080_0000 == 0 || mantissa == 0 else { return nil }
        if exponent <= 3 { return UInt256(mantissa >> (8 * UInt64(3 - exponent))) }
        let overflows = mantissa != 0
            && (exponent > 34 || (mantissa > 0xff && exponent > 33) || (mantissa > 0xffff && exponent > 32))
        guard !overflows else { return nil }
        return UInt256(mantissa) << (8 * (exponent - 3))
    }

    /// bitcoind's `difficulty`: the difficulty-1 target divided by this target, computed as Core does
    /// (from the compact form, in floating point).
    public var difficulty: Double {
        var shift = Int(bits >> 24) & 0xff
        var value = Double(0x0000_ffff) / Double(bits & 0x00ff_ffff)
        while shift < 29 {
            value *= 256.0
            shift += 1
        }
        while shift > 29 {
            value /= 256.0
            shift -= 1
        }
        return value
    }

    /// Expected number of hashes to find a block at this target: 2^256 / (target + 1).
    public var work: UInt256 {
        guard let target, !target.isZero else { return .zero }
        return (~target / (target + UInt256(1))) + UInt256(1)
    }
}
