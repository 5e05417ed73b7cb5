/// The `asm` text bitcoind prints for scripts (Core's `ScriptToAsmStr`): pushes of up to 4 bytes as
/// numbers, longer pushes as hex, other opcodes by name; in scriptSigs, DER signatures end in their
/// sighash type (`[ALL]`).
public enum ScriptAssembly {
    private static let sighashNames: [UInt8: String] = [
        0x01: "ALL", 0x02: "NONE", 0x03: "SINGLE", 0x81: "ALL|ANYONECANPAY", 0x82: "NONE|ANYONECANPAY",
        0x83: "SINGLE|ANYONECANPAY",
    ]

    /// The asm of `script`; `decodeSignatures` is true for scriptSigs, false for output scripts.
    public static func asm(_ script: [UInt8], decodeSignatures: Bool = false) -> String {
        var parts: [String] = []
        var index = 0
        let unspendable = script.first == Opcode.return
        while index < script.count {
            let opcode = script[index]
            index += 1
            guard opcode <= Opcode.pushData4 else {
                parts.append(OpcodeNames.name(opcode))
                continue
            }
            var length = Int(opcode)
            let lengthBytes = opcode == Opcode.pushData1 ? 1 : opcode == Opcode.pushData2 ? 2 : opcode == Opcode.pushData4 ? 4 : 0
            if lengthBytes > 0 {
                guard index + lengthBytes <= script.count else {
                    parts.append("[error]")
                    break
                }
                length = 0
                for offset in 0..<lengthBytes { length |= Int(script[index + offset]) << (8 * offset) }
                index += lengthBytes
            }
            guard length <= script.count - index else {
                parts.append("[error]")
                break
            }
            let data = Array(script[index..<(index + length)])
            index += length
            if data.count <= 4 {
                parts.append(String(scriptNumber(data)))
            } else if decodeSignatures && !unspendable && isStrictSignature(data),
                      let name = sighashNames[data[data.count - 1]] {
                parts.append(Hex.encode(data.dropLast()) + "[" + name + "]")
            } else {
                parts.append(Hex.encode(data))
            }
        }
        return parts.joined(separator: " ")
    }

    /// Decodes a minimal-or-not little-endian sign-magnitude script number of up to 4 bytes.
    static func scriptNumber(_ bytes: [UInt8]) -> Int64 {
        guard let last = bytes.last else { return 0 }
        var value: Int64 = 0
        for (index, byte) in bytes.enumerated() { value |= Int64(byte) << (8 * Int64(index)) }
        if last & 0x80 != 0 {
            return -(value & ~(Int64(0x80) << (8 * Int64(bytes.count - 1))))
        }
        return value
    }

    /// BIP66 strict DER plus a defined sighash byte: Core's test before it decodes `[ALL]`.
    static func isStrictSignature(_ sig: [UInt8]) -> Bool {
        guard sig.count >= 9, sig.count <= 73, sig[0] == 0x30, Int(sig[1]) == sig.count - 3 else { return false }
        let rLength = Int(sig[3])
        guard 5 + rLength < sig.count else { return false }
        let sLength = Int(sig[5 + rLength])
        guard rLength + sLength + 7 == sig.count, sig[2] == 0x02, rLength > 0, sig[4] & 0x80 == 0,
              !(rLength > 1 && sig[4] == 0 && sig[5] & 0x80 == 0), sig[rLength + 4] == 0x02, sLength > 0,
              sig[rLength + 6] & 0x80 == 0,
              !(sLength > 1 && sig[rLength + 6] == 0 && sig[rLength + 7] & 0x80 == 0) else { return false }
        let hashType = sig[sig.count - 1] & ~0x80
        return (1...3).contains(hashType)
    }
}
