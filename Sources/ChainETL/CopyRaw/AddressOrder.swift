/// The order in which copy-raw sends ledger rows: by the first 16 bytes of the address, then as Strings compare
/// (for addresses, which are ASCII, that is byte order throughout). Only the server's index pages care, so the
/// order need not be the database's collation, only keep one address's rows together. Rows are sorted by
/// their address's first 16 bytes as two integers, and only rows whose addresses share those compare the
/// strings. On mainnet-shaped blocks a sort comparing Strings throughout took 7 % of copy-raw's CPU, this one
/// 6 %; most of what is left is those comparisons, nearly all between rows of one address.
enum AddressOrder {
    /// `movements` in address order; rows of one address keep their order.
    static func sorted(_ movements: [AddressMovement]) -> [AddressMovement] {
        var keys = movements.indices.map { SortKey(movements[$0].address, position: $0) }
        keys.sort { left, right in
            if left.leading != right.leading { return left.leading < right.leading }
            if left.following != right.following { return left.following < right.following }
            if left.length == right.length, left.length < 16 { return left.position < right.position }
            let leftAddress = movements[left.position].address
            let rightAddress = movements[right.position].address
            if leftAddress == rightAddress { return left.position < right.position }
            return leftAddress < rightAddress
        }
        return keys.map { movements[$0.position] }
    }

    /// An address's first 16 bytes as two big-endian integers (zero after its end), which compare as the bytes
    /// do, and where its row is.
    struct SortKey {
        /// Bytes 0 to 7.
        var leading: UInt64 = 0
        /// Bytes 8 to 15.
        var following: UInt64 = 0
        /// How many of the address's bytes the key holds: below 16 the key is the whole address, so two equal
        /// keys of one such length are one address.
        var length: Int
        var position: Int

        init(_ address: String, position: Int) {
            self.position = position
            var bytes = 0
            for byte in address.utf8.prefix(16) {
                if bytes < 8 {
                    leading |= UInt64(byte) << (56 - 8 * bytes)
                } else {
                    following |= UInt64(byte) << (56 - 8 * (bytes - 8))
                }
                bytes += 1
            }
            length = bytes
        }
    }
}
