/// Base58Check, the encoding of legacy addresses (P2PKH, P2SH): a version byte, the payload and a 4-byte
/// double-SHA-256 checksum, written in an alphabet without look-alike characters.
public enum Base58Check {
    private static let alphabet: [UInt8] = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
    private static let reverseAlphabet: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (index, character) in alphabet.enumerated() { table[Int(character)] = Int8(index) }
        return table
    }()

    /// Plain Base58 of `bytes` (leading zero bytes become leading '1's).
    public static func encodePlain(_ bytes: [UInt8]) -> String {
        let zeros = bytes.prefix(while: { $0 == 0 }).count
        var digits: [UInt8] = []  // base-58 digits, least significant first
        digits.reserveCapacity(bytes.count * 138 / 100 + 1)
        for byte in bytes[zeros...] {
            var carry = Int(byte)
            for index in digits.indices {
                carry += Int(digits[index]) << 8
                digits[index] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                digits.append(UInt8(carry % 58))
                carry /= 58
            }
        }
        var text = [UInt8](repeating: alphabet[0], count: zeros)
        text.reserveCapacity(zeros + digits.count)
        for digit in digits.reversed() { text.append(alphabet[Int(digit)]) }
        return String(decoding: text, as: UTF8.self)
    }

    /// Plain Base58 decoding; nil for a character outside the alphabet.
    public static func decodePlain(_ text: String) -> [UInt8]? {
        let ascii = Array(text.utf8)
        let ones = ascii.prefix(while: { $0 == alphabet[0] }).count
        var bytes: [UInt8] = []  // least significant first
        for character in ascii[ones...] {
            guard character < 128, reverseAlphabet[Int(character)] >= 0 else { return nil }
            var carry = Int(reverseAlphabet[Int(character)])
            for index in bytes.indices {
                carry += Int(bytes[index]) * 58
                bytes[index] = UInt8(carry & 0xff)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(carry & 0xff))
                carry >>= 8
            }
        }
        return [UInt8](repeating: 0, count: ones) + bytes.reversed()
    }

    /// Base58Check of `payload` (version bytes included by the caller).
    public static func encode(_ payload: [UInt8]) -> String {
        let checksum = SHA256.doubleHash(payload).bytes.prefix(4)
        return encodePlain(payload + checksum)
    }

    /// Base58Check of a version byte followed by a 20-byte hash: a legacy address.
    public static func encode(version: UInt8, hash: [UInt8]) -> String {
        encode([version] + hash)
    }

    /// The payload (version bytes included) of a Base58Check string; nil when malformed or the checksum fails.
    public static func decode(_ text: String) -> [UInt8]? {
        guard let bytes = decodePlain(text), bytes.count >= 4 else { return nil }
        let payload = Array(bytes.dropLast(4))
        guard SHA256.doubleHash(payload).bytes.prefix(4).elementsEqual(bytes.suffix(4)) else { return nil }
        return payload
    }
}
