/// A block's ledger rows being summed one transaction at a time: what each address received and sent within
/// the transaction. Most transactions touch two or three addresses, so the current transaction's rows are
/// searched in turn; one that touches many more gets a dictionary, so a transaction with thousands of outputs
/// stays linear.
struct BlockLedger {
    /// Beyond this many rows in one transaction, addresses are found through `positions`.
    private static let rowsSearchedInTurn = 8

    /// The rows so far, transaction after transaction.
    private(set) var movements: [AddressMovement] = []
    private let height: Int64
    private var transactionIndex = 0
    /// Where the current transaction's rows start in `movements`.
    private var start = 0
    /// The current transaction's rows by address, once it has more than `rowsSearchedInTurn`.
    private var positions: [String: Int] = [:]

    init(height: Int64, capacity: Int) {
        self.height = height
        movements.reserveCapacity(capacity)
    }

    /// Starts the rows of transaction `index`; the rows of the one before are complete.
    mutating func startTransaction(_ index: Int) {
        transactionIndex = index
        start = movements.count
        positions.removeAll(keepingCapacity: true)
    }

    /// Adds what `address` received and sent to its row of the current transaction.
    mutating func add(_ address: String, received: Int64, sent: Int64) {
        if let position = position(of: address) {
            movements[position].received += received
            movements[position].sent += sent
            return
        }
        movements.append(AddressMovement(
            blockHeight: height, transactionIndex: transactionIndex, address: address, received: received, sent: sent))
        let rows = movements.count - start
        if rows == Self.rowsSearchedInTurn + 1 {
            for position in start..<movements.count { positions[movements[position].address] = position }
        } else if rows > Self.rowsSearchedInTurn + 1 {
            positions[address] = movements.count - 1
        }
    }

    private func position(of address: String) -> Int? {
        if movements.count - start > Self.rowsSearchedInTurn { return positions[address] }
        return (start..<movements.count).first { movements[$0].address == address }
    }
}
