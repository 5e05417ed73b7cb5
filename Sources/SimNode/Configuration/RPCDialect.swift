/// Which generation of node simnode imitates, because scrapers must cope with all of them.
public enum RPCDialect: String, Sendable, CaseIterable {
    /// Bitcoin Core 25 and later: `scriptPubKey.address`, `desc`, no `reqSigs`, `getblock` verbosity 0-3,
    /// per-transaction `fee`.
    case modern
    /// Bitcoin Core 0.17-0.21: `addresses` arrays with `reqSigs` (P2PK and bare multisig keys shown as
    /// P2PKH addresses), no `fee`, verbosity 3 answered as 2.
    case legacy
    /// Old Dogecoin and Bitcoin Cash nodes: `getblock hash true|false` only (an integer verbosity is a type
    /// error) and transactions through `getrawtransaction txid 1`.
    case verboseOnly = "verbose-only"
}
