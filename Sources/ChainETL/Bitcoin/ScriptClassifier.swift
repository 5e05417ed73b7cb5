/// What Bitcoin Core's `Solver` finds in an output script: its type, and the data that determines its
/// address (key hash, script hash, witness program, public keys).
public struct ScriptClassification: Sendable, Equatable {
    public var type: ScriptType
    /// Key hash (P2PKH), script hash (P2SH), witness program (segwit) or public key (P2PK).
    public var solution: [UInt8]
    /// Witness version for segwit types.
    public var witnessVersion: UInt8?
    /// Public keys of a bare multisig script.
    public var publicKeys: [[UInt8]]
    /// Signatures required: 1 for single-key types, m for m-of-n multisig, nil where Core gives none.
    public var requiredSignatures: Int?

    /// Classifies an output script with Core's rules.
    public init(script: [UInt8]) {
        solution = []
        witnessVersion = nil
        publicKeys = []
        requiredSignatures = nil
        let count = script.count
        if count == 23, script[0] == Opcode.hash160, script[1] == 20, script[22] == Opcode.equal {
            type = .scripthash
            solution = Array(script[2..<22])
            requiredSignatures = 1
            return
        }
        if (4...42).contains(count), let version = Opcode.smallIntegerValue(script[0]), Int(script[1]) + 2 == count {
            let program = Array(script[2...])
            solution = program
            witnessVersion = UInt8(version)
            requiredSignatures = 1
            switch (version, program.count) {
            case (0, 20): type = .witnessV0KeyHash
            case (0, 32): type = .witnessV0ScriptHash
            case (1, 32): type = .witnessV1Taproot
            case (0, _):
                type = .nonstandard
                solution = []
                witnessVersion = nil
                requiredSignatures = nil
            default: type = .witnessUnknown
            }
            return
        }
        if count >= 1, script[0] == Opcode.return, let operations = ScriptOperation.parse(Array(script[1...])),
           operations.allSatisfy({ $0.opcode <= Opcode.sixteen }) {
            type = .nulldata
            return
        }
        if (count == 35 || count == 67), Int(script[0]) == count - 2, script[count - 1] == Opcode.checkSig,
           Self.isValidPublicKeySize(Array(script[1..<(count - 1)])) {
            type = .pubkey
            solution = Array(script[1..<(count - 1)])
            requiredSignatures = 1
            return
        }
        if count == 25, script[0] == Opcode.dup, script[1] == Opcode.hash160, script[2] == 20,
           script[23] == Opcode.equalVerify, script[24] == Opcode.checkSig {
            type = .pubkeyhash
            solution = Array(script[3..<23])
            requiredSignatures = 1
            return
        }
        if let (required, keys) = Self.matchMultisig(script) {
            type = .multisig
            publicKeys = keys
            requiredSignatures = required
            return
        }
        type = .nonstandard
    }

    /// Core's `CPubKey::ValidSize`: the size the first byte announces.
    static func isValidPublicKeySize(_ key: [UInt8]) -> Bool {
        guard let first = key.first else { return false }
        switch first {
        case 0x02, 0x03: return key.count == 33
        case 0x04, 0x06, 0x07: return key.count == 65
        default: return false
        }
    }

    private static func matchMultisig(_ script: [UInt8]) -> (Int, [[UInt8]])? {
        guard script.last == Opcode.checkMultiSig, let operations = ScriptOperation.parse(script),
              operations.count >= 4, let required = Opcode.smallIntegerValue(operations[0].opcode), required >= 1,
              let total = Opcode.smallIntegerValue(operations[operations.count - 2].opcode),
              total >= required, operations.count == total + 3 else { return nil }
        var keys: [[UInt8]] = []
        for operation in operations[1..<(operations.count - 2)] {
            guard let data = operation.data,
                  isValidPublicKeySize(Array(data)) else { return nil }
            keys.append(Array(data))
        }
        return (required, keys)
    }
}
