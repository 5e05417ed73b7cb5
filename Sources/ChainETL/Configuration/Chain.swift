/// The chains the product knows. The identifier is what users write in `CHAIN`; everything chain-specific
/// (address encodings, units, RPC dialect, defaults) hangs off this value so no tool hard-codes Bitcoin.
public enum Chain: String, Sendable, CaseIterable, Codable {
    case bitcoin = "bitcoin"
    case bitcoinTestnet = "bitcoin-testnet"
    case bitcoinVault = "bitcoin-vault"
    case litecoin = "litecoin"
    case dogecoin = "dogecoin"
    case bitcoinCash = "bitcoin-cash"
}
