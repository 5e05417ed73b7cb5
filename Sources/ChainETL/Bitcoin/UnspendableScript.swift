/// Bitcoin Core's `CScript::IsUnspendable`: an output script that begins with OP_RETURN, or is longer than
/// any script may be (10,000 bytes), can never be spent, so Core never adds it to the UTXO set and
/// `gettxoutsetinfo` leaves its value out of `total_amount`. Decided from the script's bytes rather than the
/// node's type name, because a script that begins with OP_RETURN but is followed by other than pushes is
/// `nonstandard` to the node, not `nulldata`, and is just as unspendable.
public enum UnspendableScript {
    /// The longest script a transaction may spend (`MAX_SCRIPT_SIZE`).
    public static let maximumSize = 10_000

    /// Whether the script written as `hex` (as the node renders `scriptPubKey.hex`) can never be spent.
    public static func contains(hex: String) -> Bool {
        let utf8 = hex.utf8
        if utf8.count > 2 * maximumSize { return true }
        var digits = utf8.makeIterator()
        guard let high = digits.next(), let low = digits.next() else { return false }
        return high == UInt8(ascii: "6") && (low == UInt8(ascii: "a") || low == UInt8(ascii: "A"))
    }
}
