/// One transaction output as the node renders it.
public struct NodeOutput: Decodable, Sendable {
    public var value: NodeAmount
    public var n: Int
    public var scriptPubKey: NodeScriptPubKey
}

/// An output script with the node's own classification and address.
///
/// Nodes before Core 22 write `addresses` (an array) and `reqSigs`; later ones a single `address`, and none
/// for P2PK and bare multisig. Both shapes decode; `reportedAddress` applies the product's definition.
public struct NodeScriptPubKey: Decodable, Sendable {
    public var hex: String
    /// Core's script type name: pubkeyhash, scripthash, witness_v0_keyhash, nulldata, multisig, ...
    public var type: String
    public var address: String?
    public var addresses: [String]?

    /// The address the node reports for this output: `address`, or the single element of `addresses` on old
    /// nodes. An output with several addresses (old nodes' bare multisig) or none belongs to no address.
    public var reportedAddress: String? {
        if let address { return address }
        if let addresses, addresses.count == 1 { return addresses[0] }
        return nil
    }
}
