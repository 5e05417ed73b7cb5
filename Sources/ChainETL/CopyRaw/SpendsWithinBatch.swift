/// Where a transaction lies in the chain: the key its outputs are stored under in `chain.outputs`.
struct TransactionPlace: Equatable, Sendable {
    var blockHeight: Int64
    var index: Int
}

/// Places the inputs of a batch that spend an output created earlier in the same batch, before any SQL runs.
///
/// The batch's own transactions are all in memory, so these spends need no index probe; and on the
/// verbosity-2 path they could not find one, because the batch's transactions reach `chain.transactions` only
/// after their input values are known. Only spends of earlier batches are looked up in SQL.
enum SpendsWithinBatch {
    /// For each block, for each of its inputs in order: the place of the latest transaction before the input
    /// (earlier in its block, or in an earlier block of the batch) whose txid it spends, or nil when no
    /// transaction of the batch before it has that txid. The latest one is the spendable one of two BIP30
    /// duplicates, the same rule the SQL lookup applies.
    static func places(in blocks: [BlockRows]) -> [[TransactionPlace?]] {
        var latest: [String: TransactionPlace] = [:]
        latest.reserveCapacity(blocks.reduce(0) { $0 + $1.transactions.count })
        var places: [[TransactionPlace?]] = []
        places.reserveCapacity(blocks.count)
        for rows in blocks {
            var next = rows.transactions.startIndex
            func rememberTransactions(before index: Int?) {
                while next < rows.transactions.endIndex, index.map({ rows.transactions[next].index < $0 }) ?? true {
                    let transaction = rows.transactions[next]
                    latest[transaction.txid] = TransactionPlace(blockHeight: transaction.blockHeight, index: transaction.index)
                    next += 1
                }
            }
            var blockPlaces: [TransactionPlace?] = []
            blockPlaces.reserveCapacity(rows.inputs.count)
            for input in rows.inputs {
                rememberTransactions(before: input.transactionIndex)
                blockPlaces.append(latest[input.spent.txid])
            }
            rememberTransactions(before: nil)
            places.append(blockPlaces)
        }
        return places
    }
}
