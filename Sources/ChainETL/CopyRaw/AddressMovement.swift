/// One row of `chain.address_movements`: what one address received and sent in one transaction.
public struct AddressMovement: Sendable, Equatable {
    public var blockHeight: Int64
    public var transactionIndex: Int
    public var address: String
    public var received: Int64
    public var sent: Int64

    public init(blockHeight: Int64, transactionIndex: Int, address: String, received: Int64, sent: Int64) {
        self.blockHeight = blockHeight
        self.transactionIndex = transactionIndex
        self.address = address
        self.received = received
        self.sent = sent
    }
}

extension BlockRows {
    /// The block's ledger rows, when every input already knows its spent output (verbosity 3): computed here
    /// instead of by the server, which then only has to store them. Nil while any input is unresolved (the
    /// writer derives the ledger in SQL after resolution then). Same rows as the SQL form, in transaction order.
    ///
    /// Outputs and inputs are walked one transaction at a time, so each address is summed within its own
    /// transaction only (a block has about 11,000 flows: a dictionary per transaction cost 8 % of copy-raw's
    /// CPU, this walk 3 %).
    public var movements: [AddressMovement]? {
        guard isFullyResolved else { return nil }
        let outputOrder = Self.positionsInTransactionOrder(outputs.map(\.transactionIndex))
        let inputOrder = Self.positionsInTransactionOrder(inputs.map(\.transactionIndex))
        var ledger = BlockLedger(height: block.height, capacity: outputs.count + inputs.count)
        var nextOutput = 0
        var nextInput = 0
        while nextOutput < outputOrder.count || nextInput < inputOrder.count {
            let transactionIndex = min(
                nextOutput < outputOrder.count ? outputs[outputOrder[nextOutput]].transactionIndex : .max,
                nextInput < inputOrder.count ? inputs[inputOrder[nextInput]].transactionIndex : .max)
            ledger.startTransaction(transactionIndex)
            while nextOutput < outputOrder.count, outputs[outputOrder[nextOutput]].transactionIndex == transactionIndex {
                let output = outputs[outputOrder[nextOutput]]
                if let address = output.address { ledger.add(address, received: output.value, sent: 0) }
                nextOutput += 1
            }
            while nextInput < inputOrder.count, inputs[inputOrder[nextInput]].transactionIndex == transactionIndex {
                let input = inputs[inputOrder[nextInput]]
                if let address = input.address, let value = input.value { ledger.add(address, received: 0, sent: value) }
                nextInput += 1
            }
        }
        return ledger.movements
    }

    /// The positions of rows ordered by their transaction: as they are when derived from a block, sorted only
    /// for rows put together in another order.
    private static func positionsInTransactionOrder(_ transactionIndexes: [Int]) -> [Int] {
        let positions = Array(transactionIndexes.indices)
        guard zip(transactionIndexes, transactionIndexes.dropFirst()).contains(where: { $0 > $1 }) else {
            return positions
        }
        return positions.sorted { (transactionIndexes[$0], $0) < (transactionIndexes[$1], $1) }
    }
}
