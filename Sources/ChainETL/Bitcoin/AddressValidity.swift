/// Whether an address the node reported is one of the configured chain's encodings, so a block from the wrong
/// network (or with a corrupted address) is refused before its addresses enter the balance tables.
public enum AddressValidity {
    /// True when `address` is a valid segwit (Bech32/Bech32m), CashAddr or Base58Check P2PKH/P2SH address of
    /// `parameters`' chain (a legacy P2SH version included), checksum included.
    public static func isValid(_ address: String, for parameters: ChainParameters) -> Bool {
        if let humanReadablePart = parameters.bech32HumanReadablePart,
           address.utf8.count > humanReadablePart.utf8.count + 1,
           address.lowercased().hasPrefix(humanReadablePart + "1") {
            return SegwitAddress.decode(
                address, humanReadablePart: humanReadablePart, acceptingPreBIP350Checksums: true) != nil
        }
        if let prefix = parameters.cashAddressPrefix, address.hasPrefix(prefix + ":") {
            return CashAddress.hasValidChecksum(address)
        }
        guard let payload = Base58Check.decode(address), payload.count == 21 else { return false }
        return payload[0] == parameters.publicKeyHashVersion || payload[0] == parameters.scriptHashVersion
            || parameters.legacyScriptHashVersions.contains(payload[0])
    }
}
