import Foundation

/// A deliberately separate, minimal address checker (its own Base58 arithmetic, SHA-256 and Bech32
/// polymod, written plainly), so simnode's addresses are not vouched for by the encoder that made them.
enum IndependentAddressCheck {
    // MARK: Bech32 / Bech32m checksum (BIP173 reference algorithm)

    private static let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l")

    /// 1 for a valid Bech32 string, 0x2bc830a3 for Bech32m, anything else for invalid.
    static func bech32Residue(_ address: String) -> (hrp: String, residue: UInt32, values: [Int])? {
        let lower = address.lowercased()
        guard let separator = lower.lastIndex(of: "1") else { return nil }
        let hrp = String(lower[..<separator])
        var values: [Int] = []
        for character in lower[lower.index(after: separator)...] {
            guard let index = charset.firstIndex(of: character) else { return nil }
            values.append(index)
        }
        var checksum: UInt32 = 1
        let generator: [UInt32] = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
        let expanded = hrp.unicodeScalars.map { Int($0.value) >> 5 } + [0] + hrp.unicodeScalars.map { Int($0.value) & 31 }
        for value in expanded + values {
            let top = checksum >> 25
            checksum = ((checksum & 0x1ffffff) << 5) ^ UInt32(value)
            for bit in 0..<5 where (top >> bit) & 1 == 1 { checksum ^= generator[bit] }
        }
        return (hrp, checksum, values)
    }

    /// Whether `address` is a valid segwit address for `hrp` with the checksum its version requires.
    static func isValidSegwit(_ address: String, hrp expected: String) -> Bool {
        guard let (hrp, residue, values) = bech32Residue(address), hrp == expected, values.count > 6 else { return false }
        let version = values[0]
        return residue == (version == 0 ? 1 : 0x2bc830a3)
    }

    // MARK: Base58Check (decode to bytes, check the double SHA-256 checksum with a separate SHA-256)

    private static let base58 = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")

    /// The version byte of a valid Base58Check address with a 20-byte hash, nil otherwise.
    static func base58CheckVersion(_ address: String) -> UInt8? {
        var number: [UInt8] = [0]  // big-endian bytes
        for character in address {
            guard var carry = base58.firstIndex(of: character) else { return nil }
            for index in number.indices.reversed() {
                carry += Int(number[index]) * 58
                number[index] = UInt8(carry & 0xff)
                carry >>= 8
            }
            while carry > 0 {
                number.insert(UInt8(carry & 0xff), at: 0)
                carry >>= 8
            }
        }
        let leadingOnes = address.prefix(while: { $0 == "1" }).count
        let bytes = [UInt8](repeating: 0, count: leadingOnes) + number.drop(while: { $0 == 0 })
        guard bytes.count == 25 else { return nil }
        let checksum = sha256(sha256(Array(bytes[0..<21])))
        return Array(checksum[0..<4]) == Array(bytes[21..<25]) ? bytes[0] : nil
    }

    /// A plain, unoptimised SHA-256 (FIPS 180-4), independent of the one under test.
    static func sha256(_ message: [UInt8]) -> [UInt8] {
        let k: [UInt32] = (0..<64).map { index in
            // First 32 bits of the fractional parts of the cube roots of the first 64 primes.
            let prime = Double(primes[index])
            let root = pow(prime, 1.0 / 3.0)
            return UInt32((root - floor(root)) * 4294967296.0)
        }
        var h: [UInt32] = (0..<8).map { index in
            let root = Double(primes[index]).squareRoot()
            return UInt32((root - floor(root)) * 4294967296.0)
        }
        var data = message + [0x80]
        while data.count % 64 != 56 { data.append(0) }
        let bits = UInt64(message.count) * 8
        for shift in stride(from: 56, through: 0, by: -8) { data.append(UInt8((bits >> UInt64(shift)) & 0xff)) }
        func rotate(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
        for chunk in stride(from: 0, to: data.count, by: 64) {
            var w = [UInt32](repeating: 0, count: 64)
            for i in 0..<16 {
                w[i] = data[chunk + 4 * i..<chunk + 4 * i + 4].reduce(0) { $0 << 8 | UInt32($1) }
            }
            for i in 16..<64 {
                let s0 = rotate(w[i - 15], 7) ^ rotate(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = rotate(w[i - 2], 17) ^ rotate(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var v = h
            for i in 0..<64 {
                let t1 = v[7] &+ (rotate(v[4], 6) ^ rotate(v[4], 11) ^ rotate(v[4], 25)) &+ ((v[4] & v[5]) ^ (~v[4] & v[6])) &+ k[i] &+ w[i]
                let t2 = (rotate(v[0], 2) ^ rotate(v[0], 13) ^ rotate(v[0], 22)) &+ ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]))
                v = [t1 &+ t2, v[0], v[1], v[2], v[3] &+ t1, v[4], v[5], v[6]]
            }
            for i in 0..<8 { h[i] = h[i] &+ v[i] }
        }
        return h.flatMap { word in (0..<4).map { UInt8((word >> UInt32(24 - 8 * $0)) & 0xff) } }
    }

    private static let primes: [Int] = {
        var found: [Int] = []
        var candidate = 2
        while found.count < 64 {
            if found.allSatisfy({ candidate % $0 != 0 }) { found.append(candidate) }
            candidate += 1
        }
        return found
    }()
}
