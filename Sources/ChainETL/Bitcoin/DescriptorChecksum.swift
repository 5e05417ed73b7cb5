/// The 8-character checksum Bitcoin Core appends to output descriptors (`addr(...)#73rjmj7x`), which
/// modern nodes print in every `scriptPubKey.desc`.
public enum DescriptorChecksum {
    private static let inputCharset: [UInt8] = Array(
        "0123456789()[],'/*abcdefgh@:$%{}IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#\"\\ ".utf8)
    private static let checksumCharset: [UInt8] = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
    private static let positions: [Int16] = {
        var table = [Int16](repeating: -1, count: 128)
        for (index, character) in inputCharset.enumerated() { table[Int(character)] = Int16(index) }
        return table
    }()

    private static func polymod(_ checksum: UInt64, _ value: UInt64) -> UInt64 {
        let top = checksum >> 35
        var result = ((checksum & 0x7_ffff_ffff) << 5) ^ value
        if top & 1 != 0 { result ^= 0xf5_dee5_1989 }
        if top & 2 != 0 { result ^= 0xa9_fdca_3312 }
        if top & 4 != 0 { result ^= 0x1b_ab10_e32d }
        if top & 8 != 0 { result ^= 0x37_06b1_677a }
        if top & 16 != 0 { result ^= 0x64_4d62_6ffd }
        return result
    }

    /// The checksum of `descriptor`; nil when it contains a character descriptors may not use.
    public static func checksum(of descriptor: String) -> String? {
        var checksum: UInt64 = 1
        var classes: UInt64 = 0
        var classCount = 0
        for character in descriptor.utf8 {
            guard character < 128, positions[Int(character)] >= 0 else { return nil }
            let position = UInt64(positions[Int(character)])
            checksum = polymod(checksum, position & 31)
            classes = classes * 3 + (position >> 5)
            classCount += 1
            if classCount == 3 {
                checksum = polymod(checksum, classes)
                classes = 0
                classCount = 0
            }
        }
        if classCount > 0 { checksum = polymod(checksum, classes) }
        for _ in 0..<8 { checksum = polymod(checksum, 0) }
        checksum ^= 1
        var text: [UInt8] = []
        for index in 0..<8 { text.append(checksumCharset[Int((checksum >> (5 * (7 - UInt64(index)))) & 31)]) }
        return String(decoding: text, as: UTF8.self)
    }

    /// `descriptor#checksum`, as Core prints it.
    public static func withChecksum(_ descriptor: String) -> String {
        guard let checksum = checksum(of: descriptor) else { return descriptor }
        return descriptor + "#" + checksum
    }
}
