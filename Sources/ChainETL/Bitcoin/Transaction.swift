/// A reference to one output of an earlier transaction: what an input spends.
public struct OutPoint: Hashable, Sendable {
    public var txid: Hash256
    public var index: UInt32

    public init(txid: Hash256, index: UInt32) {
        self.txid = txid
        self.index = index
    }

    /// The prevout of a coinbase input: zero txid, index 0xffffffff.
    public static let null = OutPoint(txid: .zero, index: 0xffff_ffff)

    public var isNull: Bool { self == .null }
}

/// One transaction input: the output it spends, its unlocking script and witness stack.
public struct TransactionInput: Sendable, Equatable {
    public var previousOutput: OutPoint
    public var scriptSig: [UInt8]
    public var sequence: UInt32
    /// Segwit witness stack items; empty for inputs without a witness.
    public var witness: [[UInt8]]

    public init(previousOutput: OutPoint, scriptSig: [UInt8], sequence: UInt32 = 0xffff_ffff, witness: [[UInt8]] = []) {
        self.previousOutput = previousOutput
        self.scriptSig = scriptSig
        self.sequence = sequence
        self.witness = witness
    }
}

/// One transaction output: an amount in base units locked by a script.
public struct TransactionOutput: Sendable, Equatable {
    public var value: Int64
    public var scriptPubKey: [UInt8]

    public init(value: Int64, scriptPubKey: [UInt8]) {
        self.value = value
        self.scriptPubKey = scriptPubKey
    }
}

/// A Bitcoin transaction as serialized on the wire (BIP144 segwit form when any input has a witness).
public struct Transaction: Sendable, Equatable {
    public var version: Int32
    public var inputs: [TransactionInput]
    public var outputs: [TransactionOutput]
    public var lockTime: UInt32

    public init(version: Int32, inputs: [TransactionInput], outputs: [TransactionOutput], lockTime: UInt32 = 0) {
        self.version = version
        self.inputs = inputs
        self.outputs = outputs
        self.lockTime = lockTime
    }

    /// A coinbase has exactly one input and it spends the null outpoint.
    public var isCoinbase: Bool {
        inputs.count == 1 && inputs[0].previousOutput.isNull
    }

    /// Whether the serialization carries witness data (and so wtxid differs from txid).
    public var hasWitness: Bool {
        inputs.contains { !$0.witness.isEmpty }
    }
}
