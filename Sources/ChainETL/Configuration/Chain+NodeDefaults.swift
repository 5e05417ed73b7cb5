extension Chain {
    /// The JSON-RPC port the chain's reference node listens on out of the box, so `NODE_RPC_URL` can be left
    /// unset when the tools run next to a node with its default settings.
    public var defaultRPCPort: Int {
        switch self {
        case .bitcoin: return 8332
        case .bitcoinTestnet: return 18332
        case .bitcoinVault: return 8332
        case .litecoin: return 9332
        case .dogecoin: return 22555
        case .bitcoinCash: return 8332
        }
    }

    /// The value users write in `CHAIN`, listed for error messages and `--help`.
    public static var validIdentifiers: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }
}
