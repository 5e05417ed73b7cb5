/// A reference to one output (`txid`, `n`), the way an input names what it spends.
///
/// A txid alone does not identify a transaction (BIP30 duplicates), but a reference spent by a valid block
/// always means the latest unspent output of that txid, which is what resolution looks up.
public struct OutputReference: Hashable, Sendable {
    public var txid: String
    public var n: Int

    public init(txid: String, n: Int) {
        self.txid = txid
        self.n = n
    }
}
