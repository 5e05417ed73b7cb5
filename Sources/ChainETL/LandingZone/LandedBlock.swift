/// One block ready to land: the node's answer as text plus the facts scrape checked, which become columns so
/// the chain can be linked and counted without parsing the body again.
public struct LandedBlock: Sendable {
    /// How the node answered, which decides how `copy-raw` reads `body`.
    public enum Format: Int16, Sendable {
        /// `getblock <hash> 1` (or `true`) listing txids; the transactions are in `transactions`.
        case txidsWithTransactions = 1
        /// `getblock <hash> 2`: transactions in full, no spent outputs.
        case verbosity2 = 2
        /// `getblock <hash> 3`: transactions in full with each input's spent output.
        case verbosity3 = 3
    }

    public var block: CheckedBlock
    public var format: Format
    /// The JSON text of the `getblock` result.
    public var body: String
    /// For `.txidsWithTransactions`: a JSON array of the `getrawtransaction <txid> 1` results, in block order.
    public var transactions: String?

    /// Bytes of node answers this block carries, for the memory and commit-size bounds.
    public var byteCount: Int {
        body.utf8.count + (transactions?.utf8.count ?? 0)
    }

    public init(block: CheckedBlock, format: Format, body: String, transactions: String? = nil) {
        self.block = block
        self.format = format
        self.body = body
        self.transactions = transactions
    }
}
