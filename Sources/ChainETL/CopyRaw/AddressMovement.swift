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
    /// writer derives the ledger in SQL after resolution then). Same rows as the SQL form, in any order.
    public var movements: [AddressMovement]? {
        guard isFullyResolved else { return nil }
        var totals: [Int: [String: (received: Int64, sent: Int64)]] = [:]
        for output in outputs {
            guard let address = output.address else { continue }
            totals[output.transactionIndex, default: [:]][address, default: (0, 0)].received += output.value
        }
        for input in inputs {
            guard let address = input.address, let value = input.value else { continue }
            totals[input.transactionIndex, default: [:]][address, default: (0, 0)].sent += value
        }
        var movements: [AddressMovement] = []
        movements.reserveCapacity(outputs.count + inputs.count)
        for (transactionIndex, byAddress) in totals {
            for (address, total) in byAddress {
                movements.append(AddressMovement(
                    blockHeight: block.height, transactionIndex: transactionIndex, address: address,
                    received: total.received, sent: total.sent))
            }
        }
        return movements
    }
}
