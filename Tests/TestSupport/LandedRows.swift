public import ChainETL

/// The rows copy-raw derives from landed blocks, read straight from a landing zone: for tests that write
/// the same blocks to the chain tables more than one way and compare.
public enum LandedRows {
    /// The rows of the landed blocks `hashes`, in that order.
    public static func read(from connection: PostgresConnection, hashes: [String]) throws -> [BlockRows] {
        var blocks: [BlockRows] = []
        try LandingZone(connection: connection).forEachStoredBlock(hashes: hashes) { stored in
            let verbose = try LandedBlockText.verboseBlock(
                format: stored.format, body: stored.body, transactions: stored.transactions, height: stored.height,
                hash: stored.hash)
            blocks.append(try BlockRows(block: verbose, amounts: AmountRules()))
        }
        return blocks
    }
}
