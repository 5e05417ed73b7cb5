/// A 256-bit unsigned integer with just the arithmetic proof-of-work needs: targets, per-block work
/// (2^256 / (target + 1)) and cumulative chainwork, which bitcoind prints as 64 hex digits.
public struct UInt256: Sendable, Hashable, Comparable {
    /// Limbs, least significant first.
    public var limbs: (UInt64, UInt64, UInt64, UInt64)

    public static let zero = UInt256(limbs: (0, 0, 0, 0))

    public init(limbs: (UInt64, UInt64, UInt64, UInt64)) { self.limbs = limbs }

    public init(_ value: UInt64) { limbs = (value, 0, 0, 0) }

    /// Parses 64 big-endian hex digits (as bitcoind prints `chainwork` and `target`); nil when malformed.
    public init?(hex: String) {
        guard hex.utf8.count == 64, let bytes = Hex.decode(hex) else { return nil }
        self.init(bigEndianBytes: bytes)
    }

    init(bigEndianBytes bytes: [UInt8]) {
        var words: [UInt64] = [0, 0, 0, 0]
        for (index, byte) in bytes.reversed().enumerated() where index < 32 {
            words[index / 8] |= UInt64(byte) << (8 * UInt64(index % 8))
        }
        limbs = (words[0], words[1], words[2], words[3])
    }

    var words: [UInt64] { [limbs.0, limbs.1, limbs.2, limbs.3] }

    init(words: [UInt64]) { limbs = (words[0], words[1], words[2], words[3]) }

    /// 64 lower-case hex digits, most significant first.
    public var hex: String {
        Hex.encode(words.reversed().flatMap { word in (0..<8).reversed().map { UInt8(truncatingIfNeeded: word >> (8 * UInt64($0))) } })
    }

    public var isZero: Bool { self == .zero }

    public static func == (lhs: UInt256, rhs: UInt256) -> Bool { lhs.words == rhs.words }

    public func hash(into hasher: inout Hasher) { hasher.combine(words) }

    public static func < (lhs: UInt256, rhs: UInt256) -> Bool {
        for (left, right) in zip(lhs.words.reversed(), rhs.words.reversed()) where left != right { return left < right }
        return false
    }

    /// Sum modulo 2^256.
    public static func + (lhs: UInt256, rhs: UInt256) -> UInt256 {
        var result = [UInt64](repeating: 0, count: 4)
        var carry: UInt64 = 0
        for (index, (left, right)) in zip(lhs.words, rhs.words).enumerated() {
            let (partial, overflow1) = left.addingReportingOverflow(right)
            let (sum, overflow2) = partial.addingReportingOverflow(carry)
            result[index] = sum
            carry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
        }
        return UInt256(words: result)
    }

    /// Difference modulo 2^256.
    public static func - (lhs: UInt256, rhs: UInt256) -> UInt256 {
        lhs + (~rhs + UInt256(1))
    }

    public static prefix func ~ (value: UInt256) -> UInt256 {
        UInt256(words: value.words.map { ~$0 })
    }

    /// Shift left by `count` bits (count < 256).
    public static func << (value: UInt256, count: Int) -> UInt256 {
        var result = [UInt64](repeating: 0, count: 4)
        let wordShift = count / 64, bitShift = UInt64(count % 64)
        for index in stride(from: 3, through: wordShift, by: -1) {
            result[index] = value.words[index - wordShift] << bitShift
            if bitShift > 0, index - wordShift - 1 >= 0 {
                result[index] |= value.words[index - wordShift - 1] >> (64 - bitShift)
            }
        }
        return UInt256(words: result)
    }

    /// Quotient of long division (divisor must not be zero).
    public static func / (dividend: UInt256, divisor: UInt256) -> UInt256 {
        precondition(!divisor.isZero, "division by zero")
        var quotient = [UInt64](repeating: 0, count: 4)
        var remainder = UInt256.zero
        for bit in stride(from: 255, through: 0, by: -1) {
            remainder = remainder << 1
            if (dividend.words[bit / 64] >> UInt64(bit % 64)) & 1 == 1 { remainder.limbs.0 |= 1 }
            if !(remainder < divisor) {
                remainder = remainder - divisor
                quotient[bit / 64] |= 1 << UInt64(bit % 64)
            }
        }
        return UInt256(words: quotient)
    }

    /// An approximate Double (for difficulty ratios).
    public var doubleValue: Double {
        words.reversed().reduce(0.0) { $0 * 18_446_744_073_709_551_616.0 + Double($1) }
    }
}
