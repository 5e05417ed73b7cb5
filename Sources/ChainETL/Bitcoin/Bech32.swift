/// Bech32 (BIP173) and Bech32m (BIP350): the checksummed base-32 format of segwit addresses. The two differ
/// only in the checksum constant; which one an address must use depends on its witness version.
public enum Bech32 {
    /// Which checksum constant a string uses.
    public enum Variant: Sendable, Equatable {
        /// BIP173, for witness version 0.
        case bech32
        /// BIP350, for witness versions 1 to 16.
        case bech32m

        var constant: UInt32 { self == .bech32 ? 1 : 0x2bc8_30a3 }
    }

    /// A decoded string: human-readable part (lower case), 5-bit data values without the checksum, variant.
    public struct Decoded: Sendable, Equatable {
        public var humanReadablePart: String
        public var data: [UInt8]
        public var variant: Variant
    }

    private static let charset: [UInt8] = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
    private static let reverseCharset: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (index, character) in charset.enumerated() { table[Int(character)] = Int8(index) }
        return table
    }()

    private static func polymod(_ values: [UInt8]) -> UInt32 {
        let generators: [UInt32] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3]
        var checksum: UInt32 = 1
        for value in values {
            let top = checksum >> 25
            checksum = (checksum & 0x1ff_ffff) << 5 ^ UInt32(value)
            for index in 0..<5 where (top >> UInt32(index)) & 1 == 1 { checksum ^= generators[index] }
        }
        return checksum
    }

    private static func expand(_ humanReadablePart: [UInt8]) -> [UInt8] {
        humanReadablePart.map { $0 >> 5 } + [0] + humanReadablePart.map { $0 & 31 }
    }

    /// Encodes 5-bit `data` under a lower-case human-readable part.
    public static func encode(humanReadablePart: String, data: [UInt8], variant: Variant) -> String {
        let hrp = Array(humanReadablePart.utf8)
        let checksumInput = expand(hrp) + data + [0, 0, 0, 0, 0, 0]
        let checksum = polymod(checksumInput) ^ variant.constant
        var text = hrp + [UInt8(ascii: "1")]
        for value in data { text.append(charset[Int(value)]) }
        for index in 0..<6 { text.append(charset[Int((checksum >> (5 * (5 - UInt32(index)))) & 31)]) }
        return String(decoding: text, as: UTF8.self)
    }

    /// Decodes a Bech32 or Bech32m string; nil when it breaks any BIP173 rule (length, case mixing,
    /// characters, checksum).
    public static func decode(_ text: String) -> Decoded? {
        let ascii = Array(text.utf8)
        guard ascii.count <= 90, ascii.allSatisfy({ $0 >= 33 && $0 <= 126 }) else { return nil }
        let hasLower = ascii.contains(where: { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") })
        let hasUpper = ascii.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") })
        guard !(hasLower && hasUpper) else { return nil }
        let lower = ascii.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
        guard let separator = lower.lastIndex(of: UInt8(ascii: "1")), separator >= 1,
              separator + 7 <= lower.count else { return nil }
        let hrp = Array(lower[..<separator])
        var values: [UInt8] = []
        for character in lower[(separator + 1)...] {
            guard character < 128, reverseCharset[Int(character)] >= 0 else { return nil }
            values.append(UInt8(reverseCharset[Int(character)]))
        }
        let residue = polymod(expand(hrp) + values)
        let variant: Variant
        switch residue {
        case Variant.bech32.constant: variant = .bech32
        case Variant.bech32m.constant: variant = .bech32m
        default: return nil
        }
        return Decoded(
            humanReadablePart: String(decoding: hrp, as: UTF8.self), data: Array(values.dropLast(6)), variant: variant)
    }

    /// Regroups bits (8 to 5 for encoding, 5 to 8 for decoding); nil when decoding leaves non-zero padding
    /// or more than 4 bits.
    public static func convertBits(_ data: [UInt8], from: Int, to: Int, pad: Bool) -> [UInt8]? {
        var accumulator = 0
        var bits = 0
        var result: [UInt8] = []
        let maxValue = (1 << to) - 1
        for value in data {
            guard Int(value) >> from == 0 else { return nil }
            accumulator = (accumulator << from) | Int(value)
            bits += from
            while bits >= to {
                bits -= to
                result.append(UInt8((accumulator >> bits) & maxValue))
            }
        }
        if pad {
            if bits > 0 { result.append(UInt8((accumulator << (to - bits)) & maxValue)) }
        } else if bits >= from || ((accumulator << (to - bits)) & maxValue) != 0 {
            return nil
        }
        return result
    }
}
