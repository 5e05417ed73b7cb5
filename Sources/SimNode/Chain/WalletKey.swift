import ChainETL

/// The kinds of output simnode pays to, each with the way its spender unlocks it.
enum OutputKind: UInt8, Sendable, CaseIterable {
    case p2pkh, p2sh, p2wpkh, p2wsh, p2tr, p2pk, bareMultisig
}

/// One simulated wallet "address": an output script plus the fake key material needed to write a
/// plausible scriptSig/witness when it is spent. Real HASH160/SHA-256 link keys to scripts, so the data
/// looks like the chain's own even though no signature is valid.
struct WalletKey: Sendable {
    var kind: OutputKind
    var scriptPubKey: [UInt8]
    /// Compressed public key (first key of a multisig).
    var publicKey: [UInt8]
    /// P2SH redeem script (P2SH-P2WPKH) or P2WSH witness script (2-of-3 multisig).
    var script: [UInt8]
    /// Signatures a spend needs (multisig m).
    var requiredSignatures: Int

    /// Creates a key of `kind` from the generator.
    init(kind: OutputKind, random: inout SimRandom) {
        self.kind = kind
        publicKey = Self.compressedKey(&random)
        script = []
        requiredSignatures = 1
        switch kind {
        case .p2pkh:
            scriptPubKey = [Opcode.dup, Opcode.hash160, 20] + RIPEMD160.hash160(publicKey) + [Opcode.equalVerify, Opcode.checkSig]
        case .p2wpkh:
            scriptPubKey = [Opcode.zero, 20] + RIPEMD160.hash160(publicKey)
        case .p2sh:
            script = [Opcode.zero, 20] + RIPEMD160.hash160(publicKey)  // P2SH-wrapped P2WPKH
            scriptPubKey = [Opcode.hash160, 20] + RIPEMD160.hash160(script) + [Opcode.equal]
        case .p2wsh:
            requiredSignatures = 2
            script = Self.multisigScript(required: 2, keys: [publicKey, Self.compressedKey(&random), Self.compressedKey(&random)])
            scriptPubKey = [Opcode.zero, 32] + SHA256.hash(script).bytes
        case .p2tr:
            scriptPubKey = [Opcode.one, 32] + random.bytes(32)
        case .p2pk:
            if random.chance(0.3) {
                publicKey = [0x04] + random.bytes(64)  // uncompressed, as early miners used
            }
            scriptPubKey = [UInt8(publicKey.count)] + publicKey + [Opcode.checkSig]
        case .bareMultisig:
            let total = random.int(in: 2...3)
            requiredSignatures = random.int(in: 1...total)
            var keys = [publicKey]
            for _ in 1..<total { keys.append(Self.compressedKey(&random)) }
            scriptPubKey = Self.multisigScript(required: requiredSignatures, keys: keys)
        }
    }

    static func compressedKey(_ random: inout SimRandom) -> [UInt8] {
        [random.chance(0.5) ? 0x02 : 0x03] + random.bytes(32)
    }

    static func multisigScript(required: Int, keys: [[UInt8]]) -> [UInt8] {
        var script = [Opcode.smallInteger(required)]
        for key in keys { Opcode.appendPush(key, to: &script) }
        script.append(Opcode.smallInteger(keys.count))
        script.append(Opcode.checkMultiSig)
        return script
    }
}
