/// The output script kinds Bitcoin Core recognizes, with the exact names its RPC prints in
/// `scriptPubKey.type`, so stored types match what users see in the node.
public enum ScriptType: String, Sendable, CaseIterable, Codable {
    case pubkey
    case pubkeyhash
    case scripthash
    case multisig
    case nulldata
    case witnessV0KeyHash = "witness_v0_keyhash"
    case witnessV0ScriptHash = "witness_v0_scripthash"
    case witnessV1Taproot = "witness_v1_taproot"
    case witnessUnknown = "witness_unknown"
    case nonstandard
}
