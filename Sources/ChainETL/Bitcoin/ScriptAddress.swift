/// Addresses of output scripts as a node of a given chain prints them: one `address` on modern nodes,
/// an `addresses` array on nodes before Core 22 (which also showed P2PK and bare multisig keys as P2PKH
/// addresses).
public enum ScriptAddress {
    /// The `address` a modern node prints for `script`; nil for P2PK, multisig, OP_RETURN, nonstandard
    /// and for segwit scripts on chains without segwit addresses.
    public static func address(of script: [UInt8], parameters: ChainParameters) -> String? {
        address(of: ScriptClassification(script: script), parameters: parameters)
    }

    /// The modern `address` of an already classified script.
    public static func address(of classification: ScriptClassification, parameters: ChainParameters) -> String? {
        switch classification.type {
        case .pubkeyhash:
            return legacyAddress(hash: classification.solution, isScript: false, parameters: parameters)
        case .scripthash:
            return legacyAddress(hash: classification.solution, isScript: true, parameters: parameters)
        case .witnessV0KeyHash, .witnessV0ScriptHash, .witnessV1Taproot, .witnessUnknown:
            guard let hrp = parameters.bech32HumanReadablePart, let version = classification.witnessVersion else { return nil }
            return SegwitAddress.encode(humanReadablePart: hrp, version: version, program: classification.solution)
        case .pubkey, .multisig, .nulldata, .nonstandard:
            return nil
        }
    }

    /// The `addresses` array a node before Core 22 printed (empty where it printed none).
    public static func legacyAddresses(of classification: ScriptClassification, parameters: ChainParameters) -> [String] {
        switch classification.type {
        case .pubkey:
            return [legacyAddress(hash: RIPEMD160.hash160(classification.solution), isScript: false, parameters: parameters)]
        case .multisig:
            return classification.publicKeys.map {
                legacyAddress(hash: RIPEMD160.hash160($0), isScript: false, parameters: parameters)
            }
        default:
            return address(of: classification, parameters: parameters).map { [$0] } ?? []
        }
    }

    /// A P2PKH or P2SH address of a 20-byte hash in the chain's legacy format (CashAddr on Bitcoin Cash).
    public static func legacyAddress(hash: [UInt8], isScript: Bool, parameters: ChainParameters) -> String {
        if let prefix = parameters.cashAddressPrefix {
            return CashAddress.encode(prefix: prefix, kind: isScript ? .scriptHash : .publicKeyHash, hash: hash)
        }
        return Base58Check.encode(version: isScript ? parameters.scriptHashVersion : parameters.publicKeyHashVersion, hash: hash)
    }
}
