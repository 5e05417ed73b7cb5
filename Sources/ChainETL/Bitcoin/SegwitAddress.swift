/// Segwit addresses (BIP173/BIP350): witness version + program in Bech32 (v0) or Bech32m (v1-v16). The
/// version rules live here so nothing else has to know which checksum goes with which version.
public enum SegwitAddress {
    /// The address of a witness program; nil when the version or program length is not valid.
    public static func encode(humanReadablePart: String, version: UInt8, program: [UInt8]) -> String? {
        guard isValid(version: version, program: program),
              let data = Bech32.convertBits(program, from: 8, to: 5, pad: true) else { return nil }
        return Bech32.encode(
            humanReadablePart: humanReadablePart, data: [version] + data, variant: version == 0 ? .bech32 : .bech32m)
    }

    /// The witness version and program of an address for the expected human-readable part; nil when the
    /// address is malformed, for another chain, or uses the wrong checksum for its version.
    ///
    /// `acceptingPreBIP350Checksums` also takes a version 1+ address with BIP173's Bech32 checksum, as every
    /// node before BIP350 (Core up to 0.21.0, Litecoin of that time) printed those outputs: the program is the
    /// same, and blocks landed from such a node are valid chain data.
    public static func decode(
        _ address: String, humanReadablePart: String, acceptingPreBIP350Checksums: Bool = false
    ) -> (version: UInt8, program: [UInt8])? {
        guard let decoded = Bech32.decode(address), decoded.humanReadablePart == humanReadablePart,
              let version = decoded.data.first, version <= 16,
              let program = Bech32.convertBits(Array(decoded.data.dropFirst()), from: 5, to: 8, pad: false),
              isValid(version: version, program: program) else { return nil }
        let checksumFits = decoded.variant == (version == 0 ? .bech32 : .bech32m)
            || (acceptingPreBIP350Checksums && version > 0 && decoded.variant == .bech32)
        return checksumFits ? (version, program) : nil
    }

    private static func isValid(version: UInt8, program: [UInt8]) -> Bool {
        guard version <= 16, (2...40).contains(program.count) else { return false }
        return version != 0 || program.count == 20 || program.count == 32
    }
}
