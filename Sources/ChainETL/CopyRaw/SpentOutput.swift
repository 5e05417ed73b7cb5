/// What resolution needs to know about a spent output: who owned it and how much it held.
public struct SpentOutput: Sendable, Equatable {
    /// `nil` when the output belongs to no address.
    public var address: String?
    /// Value in base units.
    public var value: Int64

    public init(address: String?, value: Int64) {
        self.address = address
        self.value = value
    }
}
