import ChainETL
import Testing

/// Field-by-field comparison of derived rows with bitcoin-etl's expected output.
///
/// Deliberate differences, checked explicitly rather than skipped:
/// - addresses: bitcoin-etl's `nonstandard<hash>` pseudo-address and multi-address lists are our nil
///   (`BitcoinETLExpectations.address`);
/// - not enriched (no spent values known): bitcoin-etl writes input_value 0 and a negative fee
///   (0 − outputs); we write nil for input values, input_value and fee until resolution knows them.
enum ParityCheck {
    static func blocks(_ rows: [BlockRows], _ expected: BitcoinETLExpectations) {
        #expect(rows.count == expected.blocks.count)
        for theirs in expected.blocks {
            guard let ours = rows.first(where: { $0.block.height == theirs.number })?.block else {
                Issue.record("no rows for block \(theirs.number)")
                continue
            }
            #expect(ours.hash == theirs.hash)
            #expect(ours.time == theirs.timestamp)
            #expect(ours.size == theirs.size)
            #expect(ours.weight == theirs.weight)
            #expect(ours.transactionCount == theirs.transaction_count)
        }
        for (earlier, later) in zip(rows, rows.dropFirst()) where later.block.height == earlier.block.height + 1 {
            #expect(later.block.previousHash == earlier.block.hash)
        }
    }

    static func transactions(_ rows: [BlockRows], _ expected: BitcoinETLExpectations, enriched: Bool) {
        #expect(!expected.transactions.isEmpty)
        let ours = rows.flatMap(\.transactions)
        #expect(ours.count == expected.transactions.count)
        for theirs in expected.transactions {
            let matches = ours.filter { $0.blockHeight == theirs.block_number && $0.txid == theirs.hash }
            guard matches.count == 1, let mine = matches.first,
                  let block = rows.first(where: { $0.block.height == theirs.block_number })
            else {
                Issue.record("expected exactly one row for \(theirs.hash) in block \(theirs.block_number), found \(matches.count)")
                continue
            }
            let context = Comment(rawValue: "tx \(theirs.hash) in block \(theirs.block_number)")
            if let index = theirs.index { #expect(mine.index == index, context) }
            #expect(mine.isCoinbase == theirs.is_coinbase, context)
            #expect(mine.size == theirs.size, context)
            #expect(mine.virtualSize == theirs.virtual_size, context)
            #expect(mine.inputCount == theirs.input_count, context)
            #expect(mine.outputCount == theirs.output_count, context)
            #expect(mine.outputValue == theirs.output_value, context)
            outputs(of: mine, in: block, theirs.outputs, context)
            inputs(of: mine, in: block, theirs.inputs, enriched: enriched, context)
            if enriched || mine.isCoinbase {
                #expect(mine.inputValue == theirs.input_value, context)
                #expect(mine.fee == theirs.fee, context)
            } else {
                #expect(mine.inputValue == nil, context)
                #expect(mine.fee == nil, context)
                #expect(theirs.input_value == 0 && theirs.fee == -theirs.output_value, context)
            }
        }
    }

    private static func outputs(
        of transaction: TransactionRow, in block: BlockRows, _ expected: [BitcoinETLExpectations.Output], _ context: Comment
    ) {
        let mine = block.outputs.filter { $0.transactionIndex == transaction.index }
        #expect(mine.count == expected.count, context)
        for (ours, theirs) in zip(mine, expected.sorted { $0.index < $1.index }) {
            #expect(ours.txid == transaction.txid, context)
            #expect(ours.n == theirs.index, context)
            #expect(ours.value == theirs.value, context)
            #expect(ours.scriptType == theirs.type, context)
            #expect(ours.address == BitcoinETLExpectations.address(theirs.addresses), context)
        }
    }

    private static func inputs(
        of transaction: TransactionRow, in block: BlockRows, _ expected: [BitcoinETLExpectations.Input],
        enriched: Bool, _ context: Comment
    ) {
        let mine = block.inputs.filter { $0.transactionIndex == transaction.index }
        #expect(mine.count == expected.count, context)
        for (ours, theirs) in zip(mine, expected.sorted { $0.index < $1.index }) {
            #expect(ours.txid == transaction.txid, context)
            #expect(ours.n == theirs.index, context)
            #expect(ours.spent == OutputReference(txid: theirs.spent_transaction_hash, n: theirs.spent_output_index), context)
            if enriched {
                #expect(ours.value == theirs.value, context)
                #expect(ours.address == BitcoinETLExpectations.address(theirs.addresses), context)
            } else {
                #expect(ours.value == nil && theirs.value == nil, context)
                #expect(ours.address == nil, context)
            }
        }
    }
}
