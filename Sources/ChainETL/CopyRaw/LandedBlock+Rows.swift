import Foundation

extension LandedBlock {
    /// The rows of this block, read from the text scrape stored in the format the node answered in.
    public func rows(amounts: AmountRules) throws(NodeDataError) -> BlockRows {
        try BlockRows(
            block: LandedBlockText.verboseBlock(
                format: format, body: body, transactions: transactions, height: block.height, hash: block.hash),
            amounts: amounts)
    }
}

/// Reads the stored text of a landed block back into one model, whatever the node's answer format, so row
/// derivation has a single input shape.
public enum LandedBlockText {
    /// The block with full transactions: `body` itself for verbosity 2 and 3; for format 1, the txid-only
    /// `body` with `transactions` (the `getrawtransaction` answers, in block order) put in place of the txids.
    public static func verboseBlock(
        format: LandedBlock.Format, body: String, transactions: String?, height: Int64, hash: String?
    ) throws(NodeDataError) -> VerboseNodeBlock {
        try verboseBlock(format: format, body: Array(body.utf8), transactions: transactions, height: height, hash: hash)
    }

    /// The same from the body's bytes, as copy-raw reads them from the landing zone.
    public static func verboseBlock(
        format: LandedBlock.Format, body: [UInt8], transactions: String?, height: Int64, hash: String?
    ) throws(NodeDataError) -> VerboseNodeBlock {
        switch format {
        case .verbosity2, .verbosity3:
            return try NodeAnswer.decodeVerboseBlock(from: body, height: height, hash: hash)
        case .txidsWithTransactions:
            let header = try NodeAnswer.decode(TxidNodeBlock.self, from: Data(body), height: height, hash: hash)
            guard let transactions else {
                throw NodeDataError(
                    height: height, hash: hash, field: "transactions",
                    problem: "missing for a block stored with txids only; run scrape again for this block")
            }
            let list = try NodeAnswer.decode(
                [NodeTransaction].self, from: Data(transactions.utf8), height: height, hash: hash)
            return try assemble(header, list)
        }
    }

    /// Puts `transactions` in place of `header`'s txids, refusing a list that is not exactly those txids in
    /// that order (the rows would otherwise get wrong positions).
    private static func assemble(_ header: TxidNodeBlock, _ transactions: [NodeTransaction]) throws(NodeDataError) -> VerboseNodeBlock {
        guard transactions.map(\.txid) == header.tx else {
            throw NodeDataError(
                height: header.height, hash: header.hash, field: "transactions",
                problem: "list \(transactions.count) transactions that are not the block's \(header.tx.count) txids in order")
        }
        return VerboseNodeBlock(
            hash: header.hash, height: header.height, version: header.version, merkleroot: header.merkleroot,
            time: header.time, mediantime: header.mediantime, nonce: header.nonce, bits: header.bits,
            difficulty: header.difficulty, previousblockhash: header.previousblockhash, nTx: header.nTx,
            size: header.size, strippedsize: header.strippedsize, weight: header.weight, tx: transactions)
    }
}
