/// CashAddr, the address format Bitcoin Cash nodes print (`bitcoincash:q...`): a prefix, a version byte
/// (type and hash size) and a 40-bit BCH checksum, in the Bech32 character set.
public enum CashAddress {
    /// What the hash in an address stands for.
    public enum Kind: UInt8, Sendable {
        case publicKeyHash = 0
        case scriptHash = 1
    }

    private static let charset: [UInt8] = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)

    private static func polymod(_ values: [UInt8]) -> UInt64 {
        let generators: [UInt64] = [0x98_f2bc_8e61, 0x79_b76d_99e2, 0xf3_3e5f_b3c4, 0xae_2eab_e2a8, 0x1e_4f43_e470]
        var checksum: UInt64 = 1
        for value in values {
            let top = checksum >> 35
            checksum = ((checksum & 0x07_ffff_ffff) << 5) ^ UInt64(value)
            for index in 0..<5 where (top >> UInt64(index)) & 1 == 1 { checksum ^= generators[index] }
        }
        return checksum ^ 1
    }

    private static func prefixValues(_ prefix: String) -> [UInt8] {
        prefix.utf8.map { $0 & 31 } + [0]
    }

    /// The full address (with `prefix:`) of a 20-byte hash.
    public static func encode(prefix: String, kind: Kind, hash: [UInt8]) -> String {
        let sizeCode: UInt8 = hash.count == 20 ? 0 : 3  // 160 or 256 bits: the only sizes the chain uses
        let payload = Bech32.convertBits([kind.rawValue << 3 | sizeCode] + hash, from: 8, to: 5, pad: true) ?? []
        let checksum = polymod(prefixValues(prefix) + payload + [UInt8](repeating: 0, count: 8))
        var text = Array(prefix.utf8) + [UInt8(ascii: ":")]
        for value in payload { text.append(charset[Int(value)]) }
        for index in 0..<8 { text.append(charset[Int((checksum >> (5 * (7 - UInt64(index)))) & 31)]) }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether the checksum of `address` (lower case, with its prefix) holds.
    public static func hasValidChecksum(_ address: String) -> Bool {
        guard let colon = address.firstIndex(of: ":") else { return false }
        let prefix = String(address[..<colon])
        var values: [UInt8] = []
        for character in address[address.index(after: colon)...].utf8 {
            guard let index = charset.firstIndex(of: character) else { return false }
            values.append(UInt8(index))
        }
        return polymod(prefixValues(prefix) + values) == 0
    }
}
