/// Where a transaction lies in the chain: the key its outputs are stored under in `chain.outputs`.
struct TransactionPlace: Equatable, Sendable {
    var blockHeight: Int64
    var index: Int
}

/// The inputs of a batch that spend an output created earlier in the same batch, worked out before any SQL runs.
///
/// The batch's own transactions are all in memory, so these spends need no index probe; and on the
/// verbosity-2 path they could not find one, because the batch's transactions reach `chain.transactions` only
/// after their input values are known. When every such spend is regular, the batch settles them itself: the
/// input row is complete (the spent output's address and value come from the batch) and the output is copied
/// already marked spent, so neither needs SQL. Only spends of earlier batches are looked up in SQL.
struct SpendsWithinBatch: Sendable {
    /// Per block, per input: the place of the latest transaction before the input (earlier in its block, or in
    /// an earlier block of the batch) whose txid it spends, or nil when no transaction of the batch before it
    /// has that txid. The latest one is the spendable one of two BIP30 duplicates, the same rule the SQL lookup
    /// applies.
    let places: [[TransactionPlace?]]
    /// Per block, per input: the output it spends, when that output is in the batch.
    let spentOutputs: [[SpentOutput?]]
    /// Per block, per output (in `BlockRows.outputs` order): the height of the block whose input spends it,
    /// when that input is in the batch.
    let spendingHeights: [[Int64?]]
    /// False when some input placed in the batch names an output its transaction does not have, spends an
    /// output another input of the batch already spent, or carries a `prevout` that disagrees with the output:
    /// then the batch has a block to refuse (or a rule that lets it pass), and every spend of it goes through
    /// the SQL resolution that gives those verdicts.
    let areRegular: Bool

    /// Works out the spends within `blocks`, which must be consecutive and in height order.
    init(_ blocks: [BlockRows]) {
        var latest: [String: TransactionPlace] = [:]
        latest.reserveCapacity(blocks.reduce(0) { $0 + $1.transactions.count })
        var outputs = BatchOutputs(blocks)
        var places: [[TransactionPlace?]] = []
        var spentOutputs: [[SpentOutput?]] = []
        places.reserveCapacity(blocks.count)
        spentOutputs.reserveCapacity(blocks.count)
        var areRegular = true
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
            var blockOutputs: [SpentOutput?] = []
            blockPlaces.reserveCapacity(rows.inputs.count)
            blockOutputs.reserveCapacity(rows.inputs.count)
            for input in rows.inputs {
                rememberTransactions(before: input.transactionIndex)
                let place = latest[input.spent.txid]
                var spent: SpentOutput?
                if let place {
                    spent = outputs.spend(place: place, n: input.spent.n, byBlockAt: input.blockHeight)
                    if let output = spent {
                        if let value = input.value, value != output.value || input.address != output.address {
                            areRegular = false
                        }
                    } else {
                        areRegular = false
                    }
                }
                blockPlaces.append(place)
                blockOutputs.append(spent)
            }
            rememberTransactions(before: nil)
            places.append(blockPlaces)
            spentOutputs.append(blockOutputs)
        }
        self.places = places
        self.spentOutputs = spentOutputs
        spendingHeights = outputs.spendingHeights
        self.areRegular = areRegular
    }

    /// The places of `init`'s, alone (for tests and callers that need only where each spend lies).
    static func places(in blocks: [BlockRows]) -> [[TransactionPlace?]] {
        SpendsWithinBatch(blocks).places
    }
}

/// The outputs of a batch by place, and which of them an input of the batch has spent.
private struct BatchOutputs {
    private let blocks: [BlockRows]
    private let firstHeight: Int64
    /// Per block, per transaction index: where its outputs start in `BlockRows.outputs` (one more entry at the
    /// end, so a transaction's outputs are `starts[i]..<starts[i + 1]`).
    private let starts: [[Int]]
    private(set) var spendingHeights: [[Int64?]]

    init(_ blocks: [BlockRows]) {
        self.blocks = blocks
        firstHeight = blocks.first?.block.height ?? 0
        starts = blocks.map { rows in
            var starts = [Int](repeating: 0, count: rows.transactions.count + 1)
            var position = 0
            for index in rows.transactions.indices {
                starts[index] = position
                while position < rows.outputs.count, rows.outputs[position].transactionIndex <= index { position += 1 }
            }
            starts[rows.transactions.count] = position
            return starts
        }
        spendingHeights = blocks.map { [Int64?](repeating: nil, count: $0.outputs.count) }
    }

    /// Marks output `n` of the transaction at `place` spent by the block at `height` and returns it; nil when
    /// that transaction has no such output or an input of the batch spent it already.
    mutating func spend(place: TransactionPlace, n: Int, byBlockAt height: Int64) -> SpentOutput? {
        let block = Int(place.blockHeight - firstHeight)
        guard blocks.indices.contains(block), starts[block].indices.contains(place.index + 1) else { return nil }
        let outputs = blocks[block].outputs
        let range = starts[block][place.index]..<starts[block][place.index + 1]
        // Outputs come numbered from 0 in order, so output n is found at once; the search is for odd answers.
        let expected = range.lowerBound + n
        guard let position = range.contains(expected) && outputs[expected].n == n
            ? expected : range.first(where: { outputs[$0].n == n }),
            spendingHeights[block][position] == nil
        else { return nil }
        spendingHeights[block][position] = height
        let output = outputs[position]
        return SpentOutput(address: output.address, value: output.value)
    }
}
