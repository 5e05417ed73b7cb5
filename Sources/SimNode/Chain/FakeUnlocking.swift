import ChainETL

/// Writes scriptSigs and witnesses shaped like real ones for each output kind: strict-DER ECDSA
/// signatures with SIGHASH_ALL (so nodes' `asm` shows `[ALL]`), 64-byte Schnorr signatures for taproot,
/// keys and redeem/witness scripts where the real spend carries them.
enum FakeUnlocking {
    /// scriptSig and witness that spend an output of `key`.
    static func unlock(_ key: WalletKey, random: inout SimRandom) -> (scriptSig: [UInt8], witness: [[UInt8]]) {
        switch key.kind {
        case .p2pkh:
            var scriptSig: [UInt8] = []
            Opcode.appendPush(signature(&random), to: &scriptSig)
            Opcode.appendPush(key.publicKey, to: &scriptSig)
            return (scriptSig, [])
        case .p2pk:
            var scriptSig: [UInt8] = []
            Opcode.appendPush(signature(&random), to: &scriptSig)
            return (scriptSig, [])
        case .p2wpkh:
            return ([], [signature(&random), key.publicKey])
        case .p2sh:
            var scriptSig: [UInt8] = []
            Opcode.appendPush(key.script, to: &scriptSig)
            return (scriptSig, [signature(&random), key.publicKey])
        case .p2wsh:
            return ([], [[], signature(&random), signature(&random), key.script])
        case .p2tr:
            return ([], [random.bytes(64)])
        case .bareMultisig:
            var scriptSig: [UInt8] = [Opcode.zero]
            for _ in 0..<key.requiredSignatures { Opcode.appendPush(signature(&random), to: &scriptSig) }
            return (scriptSig, [])
        }
    }

    /// A 71-byte strict-DER signature (r and s of 32 bytes without padding) plus SIGHASH_ALL.
    static func signature(_ random: inout SimRandom) -> [UInt8] {
        var sig: [UInt8] = [0x30, 0x44, 0x02, 0x20]
        sig.reserveCapacity(71)
        random.fill(&sig, count: 32)
        sig[4] = sig[4] & 0x7f | 0x01
        sig.append(contentsOf: [0x02, 0x20])
        random.fill(&sig, count: 32)
        sig[38] = sig[38] & 0x7f | 0x01
        sig.append(0x01)
        return sig
    }
}
