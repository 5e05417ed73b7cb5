/// One transaction input: either the coinbase marker or a reference to the output it spends, with that
/// output itself (`prevout`) when the node answered `getblock` with verbosity 3.
public struct NodeInput: Decodable, Sendable {
    /// Hex of the coinbase script; set only on a coinbase input.
    public var coinbase: String?
    /// The txid of the spent output; absent on a coinbase input.
    public var txid: String?
    /// The index of the spent output within its transaction; absent on a coinbase input.
    public var vout: Int?
    public var sequence: UInt32
    /// The spent output (Core 23+, verbosity 3).
    public var prevout: NodePrevout?
}

/// The output an input spends, as verbosity 3 reports it.
public struct NodePrevout: Decodable, Sendable {
    public var value: NodeAmount
    public var scriptPubKey: NodeScriptPubKey
    public var height: Int64?
    public var generated: Bool?
}
