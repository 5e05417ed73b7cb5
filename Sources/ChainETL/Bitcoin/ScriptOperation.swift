/// One parsed script operation: an opcode and, for push opcodes, the bytes it pushes.
public struct ScriptOperation: Sendable, Equatable {
    public var opcode: UInt8
    /// The pushed bytes for opcodes 0x00-0x4e; nil for other opcodes.
    public var data: ArraySlice<UInt8>?

    /// Splits a script into operations; nil when a push runs past the end (Core shows such scripts as
    /// "[error]" in `asm` and classifies them nonstandard).
    public static func parse(_ script: [UInt8]) -> [ScriptOperation]? {
        var operations: [ScriptOperation] = []
        var index = 0
        while index < script.count {
            let opcode = script[index]
            index += 1
            guard opcode <= Opcode.pushData4 else {
                operations.append(ScriptOperation(opcode: opcode, data: nil))
                continue
            }
            var length = Int(opcode)
            let lengthBytes = opcode == Opcode.pushData1 ? 1 : opcode == Opcode.pushData2 ? 2 : opcode == Opcode.pushData4 ? 4 : 0
            if lengthBytes > 0 {
                guard index + lengthBytes <= script.count else { return nil }
                length = 0
                for offset in 0..<lengthBytes { length |= Int(script[index + offset]) << (8 * offset) }
                index += lengthBytes
            }
            guard length <= script.count - index else { return nil }
            operations.append(ScriptOperation(opcode: opcode, data: script[index..<(index + length)]))
            index += length
        }
        return operations
    }
}

/// The opcode values the classifier and the generators refer to by name.
public enum Opcode {
    public static let zero: UInt8 = 0x00
    public static let pushData1: UInt8 = 0x4c
    public static let pushData2: UInt8 = 0x4d
    public static let pushData4: UInt8 = 0x4e
    public static let oneNegate: UInt8 = 0x4f
    public static let one: UInt8 = 0x51
    public static let sixteen: UInt8 = 0x60
    public static let `return`: UInt8 = 0x6a
    public static let dup: UInt8 = 0x76
    public static let equal: UInt8 = 0x87
    public static let equalVerify: UInt8 = 0x88
    public static let hash160: UInt8 = 0xa9
    public static let checkSig: UInt8 = 0xac
    public static let checkMultiSig: UInt8 = 0xae

    /// The small-integer opcode for 0...16.
    public static func smallInteger(_ value: Int) -> UInt8 {
        value == 0 ? zero : one + UInt8(value - 1)
    }

    /// The value of OP_0/OP_1..OP_16; nil for other opcodes.
    public static func smallIntegerValue(_ opcode: UInt8) -> Int? {
        opcode == zero ? 0 : (one...sixteen).contains(opcode) ? Int(opcode - one) + 1 : nil
    }

    /// Appends a minimal push of `data` to `script`.
    public static func appendPush(_ data: [UInt8], to script: inout [UInt8]) {
        switch data.count {
        case ..<0x4c:
            script.append(UInt8(data.count))
        case ...0xff:
            script.append(pushData1)
            script.append(UInt8(data.count))
        case ...0xffff:
            script.append(pushData2)
            script.append(UInt8(truncatingIfNeeded: data.count))
            script.append(UInt8(truncatingIfNeeded: data.count >> 8))
        default:
            script.append(pushData4)
            script.appendLittleEndian(UInt32(data.count))
        }
        script.append(contentsOf: data)
    }
}
