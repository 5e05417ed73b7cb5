/// A landed block as copy-raw reads it back: the node's answer and the counts scrape checked when it landed,
/// which copy-raw compares with what it derives (rule `counts_match`).
public struct StoredBlock: Sendable {
    public var hash: String
    public var height: Int64
    public var format: LandedBlock.Format
    /// The `getblock` answer's JSON text, as bytes (the parser reads bytes; no String round trip).
    public var body: [UInt8]
    /// For format 1: the `getrawtransaction` answers as a JSON array.
    public var transactions: String?
    public var transactionCount: Int
    public var inputCount: Int
    public var outputCount: Int

    public init(
        hash: String, height: Int64, format: LandedBlock.Format, body: [UInt8], transactions: String?,
        transactionCount: Int, inputCount: Int, outputCount: Int
    ) {
        self.hash = hash
        self.height = height
        self.format = format
        self.body = body
        self.transactions = transactions
        self.transactionCount = transactionCount
        self.inputCount = inputCount
        self.outputCount = outputCount
    }
}
