/// What differs between the Bitcoin-family chains the product reads: address encodings, units, issuance,
/// the node's default port and the genesis block. Keeping it in one value per `Chain` means no tool or
/// test hard-codes mainnet.
public struct ChainParameters: Sendable, Equatable {
    /// The chain these parameters describe.
    public var chain: Chain
    /// The `chain` field of the node's `getblockchaininfo` ("main", "test").
    public var networkName: String
    /// Base58Check version byte of P2PKH addresses.
    public var publicKeyHashVersion: UInt8
    /// Base58Check version byte of P2SH addresses.
    public var scriptHashVersion: UInt8
    /// Earlier P2SH version bytes that stay valid on the chain and that older nodes still print: Litecoin moved
    /// its P2SH addresses from Bitcoin's `3…` (5) to `M…` (0x32), and blocks scraped from an older Litecoin
    /// node carry `3…` addresses that must not be quarantined as foreign.
    public var legacyScriptHashVersions: [UInt8] = []
    /// Human-readable part of segwit addresses; nil for chains without segwit addresses.
    public var bech32HumanReadablePart: String?
    /// CashAddr prefix when the node prints CashAddr instead of Base58Check (Bitcoin Cash).
    public var cashAddressPrefix: String?
    /// Decimal places of one coin in base units (8: 1 coin = 100,000,000 satoshi).
    public var coinDecimals: Int
    /// The subsidy the halvings start from, in base units: the reward at height 0 unless `halvingOffset` or
    /// `earlySubsidyCeilings` say otherwise.
    public var initialSubsidy: Int64
    /// Blocks between subsidy halvings; nil when the subsidy does not halve (Dogecoin's fixed reward).
    public var halvingInterval: Int?
    /// Heights the halving schedule counts as already passed at height 0, so a chain can continue another's
    /// schedule part-way: after its bootstrap period Bitcoin Vault pays what Bitcoin paid 597,350 blocks
    /// later (BRIP-1: its height 242,650 pays Bitcoin's 840,000 reward). The subsidy is `initialSubsidy >>
    /// ((height + halvingOffset) / halvingInterval)`.
    public var halvingOffset: Int = 0
    /// The largest subsidy of each early stretch of the chain, lowest first, before `initialSubsidy` and the
    /// halvings apply: Dogecoin paid a random reward of up to 1,000,000 DOGE below height 100,000 and halving
    /// fixed rewards up to 600,000, and only then its flat 10,000; Bitcoin Vault stepped down from 175 BTCV in
    /// its bootstrap period. What `coinbase_within_reward` allows.
    public var earlySubsidyCeilings: [SubsidyCeiling] = []
    /// The node's default JSON-RPC port.
    public var defaultRPCPort: Int
    /// Hash of the genesis block; nil where no recording was available to confirm it.
    public var genesisBlockHash: Hash256?

    /// The block subsidy at `height`, honouring an optional override of the halving interval (tests use a
    /// short one to see halvings in a few hundred blocks). simnode pays it; it ignores `earlySubsidyCeilings`,
    /// the ceilings of rewards that were random.
    public func subsidy(atHeight height: Int, halvingInterval override: Int? = nil) -> Int64 {
        guard let interval = override ?? halvingInterval, interval > 0 else { return initialSubsidy }
        let halvings = (height + halvingOffset) / interval
        return halvings >= 64 ? 0 : initialSubsidy >> Int64(halvings)
    }
}

extension Chain {
    /// The parameters of this chain.
    public var parameters: ChainParameters {
        switch self {
        case .bitcoin:
            return ChainParameters(
                chain: self, networkName: "main", publicKeyHashVersion: 0x00, scriptHashVersion: 0x05,
                bech32HumanReadablePart: "bc", cashAddressPrefix: nil, coinDecimals: 8,
                initialSubsidy: 50 * 100_000_000, halvingInterval: 210_000, defaultRPCPort: 8332,
                genesisBlockHash: Hash256(
                    displayHex: "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"))
        case .bitcoinTestnet:
            return ChainParameters(
                chain: self, networkName: "test", publicKeyHashVersion: 0x6f, scriptHashVersion: 0xc4,
                bech32HumanReadablePart: "tb", cashAddressPrefix: nil, coinDecimals: 8,
                initialSubsidy: 50 * 100_000_000, halvingInterval: 210_000, defaultRPCPort: 18332,
                genesisBlockHash: Hash256(
                    displayHex: "000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943"))
        case .bitcoinVault:
            return ChainParameters(
                chain: self, networkName: "main", publicKeyHashVersion: 0x4e, scriptHashVersion: 0x3c,
                bech32HumanReadablePart: "royale", cashAddressPrefix: nil, coinDecimals: 8,
                initialSubsidy: 50 * 100_000_000, halvingInterval: 210_000, halvingOffset: 840_000 - 242_650,
                earlySubsidyCeilings: SubsidyCeiling.bitcoinVault, defaultRPCPort: 8332, genesisBlockHash: nil)
        case .litecoin:
            return ChainParameters(
                chain: self, networkName: "main", publicKeyHashVersion: 0x30, scriptHashVersion: 0x32,
                legacyScriptHashVersions: [0x05], bech32HumanReadablePart: "ltc", cashAddressPrefix: nil, coinDecimals: 8,
                initialSubsidy: 50 * 100_000_000, halvingInterval: 840_000, defaultRPCPort: 9332,
                genesisBlockHash: Hash256(
                    displayHex: "12a765e31ffd4059bada1e25190f6e98c99d9714d334efa41a195a7e7e04bfe2"))
        case .dogecoin:
            return ChainParameters(
                chain: self, networkName: "main", publicKeyHashVersion: 0x1e, scriptHashVersion: 0x16,
                bech32HumanReadablePart: nil, cashAddressPrefix: nil, coinDecimals: 8,
                initialSubsidy: 10_000 * 100_000_000, halvingInterval: nil,
                earlySubsidyCeilings: SubsidyCeiling.dogecoin, defaultRPCPort: 22555,
                genesisBlockHash: Hash256(
                    displayHex: "1a91e3dace36e2be3bf030a65679fe821aa1d6ef92e7c9902eb318182c355691"))
        case .bitcoinCash:
            return ChainParameters(
                chain: self, networkName: "main", publicKeyHashVersion: 0x00, scriptHashVersion: 0x05,
                bech32HumanReadablePart: nil, cashAddressPrefix: "bitcoincash", coinDecimals: 8,
                initialSubsidy: 50 * 100_000_000, halvingInterval: 210_000, defaultRPCPort: 8332,
                genesisBlockHash: Hash256(
                    displayHex: "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"))
        }
    }
}
