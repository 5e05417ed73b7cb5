/// One user label for an address, as `etl.address_labels` stores it. Categories are free text (the seeds used
/// Exchange, Mining, Private, Others); the address need not appear on chain yet.
public struct AddressLabel: Sendable, Equatable {
    /// The address exactly as the node reports it.
    public var address: String
    /// A human name such as "Binance cold wallet"; nil when the file left it empty.
    public var label: String?
    /// The group `stats.label_holdings` sums by.
    public var category: String

    /// A label for `address`.
    public init(address: String, label: String?, category: String) {
        self.address = address
        self.label = label
        self.category = category
    }
}
