/// Input total and fee of one transaction, computed the same way whether the spent values came from the node
/// (`prevout`) or from resolution afterwards, so both paths give identical rows.
enum TransactionTotals {
    /// `(inputValue, fee)`: `(0, 0)` for a coinbase (SPEC: coinbase fee is 0), `(nil, nil)` while any spent
    /// value is unknown, otherwise the exact sum and `sum − outputValue`. Nil on 64-bit overflow, which only
    /// corrupt data can cause; callers report it.
    static func of(isCoinbase: Bool, inputs: some Collection<InputRow>, outputValue: Int64) -> (inputValue: Int64?, fee: Int64?)? {
        if isCoinbase { return (0, 0) }
        var sum: Int64 = 0
        for input in inputs {
            guard let value = input.value else { return (nil, nil) }
            let (total, overflow) = sum.addingReportingOverflow(value)
            if overflow { return nil }
            sum = total
        }
        let (fee, overflow) = sum.subtractingReportingOverflow(outputValue)
        return overflow ? nil : (sum, fee)
    }
}
