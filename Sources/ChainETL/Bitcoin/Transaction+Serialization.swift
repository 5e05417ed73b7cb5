/// The identity and size figures bitcoind reports for a transaction, computed from one serialization.
public struct TransactionDigest: Sendable, Equatable {
    /// Double SHA-256 of the serialization without witness data.
    public var txid: Hash256
    /// Double SHA-256 of the full serialization (equals `txid` without witnesses).
    public var wtxid: Hash256
    /// Bytes of the full serialization (`size`).
    public var size: Int
    /// Bytes without witness data.
    public var strippedSize: Int

    /// BIP141 weight: base size × 3 + total size.
    public var weight: Int { strippedSize * 3 + size }
    /// Virtual size: weight / 4 rounded up.
    public var virtualSize: Int { (weight + 3) / 4 }

    public init(txid: Hash256, wtxid: Hash256, size: Int, strippedSize: Int) {
        self.txid = txid
        self.wtxid = wtxid
        self.size = size
        self.strippedSize = strippedSize
    }
}

extension Transaction {
    /// Appends the wire serialization; with `includingWitness` and witness data present, the BIP144 form.
    public func write(to buffer: inout [UInt8], includingWitness: Bool = true) {
        let withWitness = includingWitness && hasWitness
        buffer.appendLittleEndian(UInt32(bitPattern: version))
        if withWitness {
            buffer.append(0x00)
            buffer.append(0x01)
        }
        buffer.appendCompactSize(inputs.count)
        for input in inputs {
            input.previousOutput.txid.append(to: &buffer)
            buffer.appendLittleEndian(input.previousOutput.index)
            buffer.appendVarBytes(input.scriptSig)
            buffer.appendLittleEndian(input.sequence)
        }
        buffer.appendCompactSize(outputs.count)
        for output in outputs {
            buffer.appendLittleEndian(UInt64(bitPattern: output.value))
            buffer.appendVarBytes(output.scriptPubKey)
        }
        if withWitness {
            for input in inputs {
                buffer.appendCompactSize(input.witness.count)
                for item in input.witness { buffer.appendVarBytes(item) }
            }
        }
        buffer.appendLittleEndian(lockTime)
    }

    /// The wire serialization as a new array.
    public func serialized(includingWitness: Bool = true) -> [UInt8] {
        var buffer: [UInt8] = []
        write(to: &buffer, includingWitness: includingWitness)
        return buffer
    }

    /// txid, wtxid and sizes, serializing into `scratch` (reused across calls to avoid allocations).
    public func digest(scratch: inout [UInt8]) -> TransactionDigest {
        scratch.removeAll(keepingCapacity: true)
        write(to: &scratch, includingWitness: false)
        let txid = scratch.withUnsafeBytes { SHA256.doubleHash($0) }
        let strippedSize = scratch.count
        guard hasWitness else {
            return TransactionDigest(txid: txid, wtxid: txid, size: strippedSize, strippedSize: strippedSize)
        }
        scratch.removeAll(keepingCapacity: true)
        write(to: &scratch, includingWitness: true)
        let wtxid = scratch.withUnsafeBytes { SHA256.doubleHash($0) }
        return TransactionDigest(txid: txid, wtxid: wtxid, size: scratch.count, strippedSize: strippedSize)
    }

    /// txid, wtxid and sizes.
    public var digest: TransactionDigest {
        var scratch: [UInt8] = []
        return digest(scratch: &scratch)
    }

    /// The transaction id: double SHA-256 of the serialization without witnesses.
    public var txid: Hash256 { digest.txid }

    /// Parses one serialized transaction; the bytes must hold exactly one.
    public init(parsing bytes: [UInt8]) throws {
        var reader = ByteReader(bytes)
        try self.init(reading: &reader)
        guard reader.isAtEnd else { throw BitcoinDecodingError(field: "bytes after the transaction", offset: reader.offset) }
    }

    init(reading reader: inout ByteReader) throws {
        version = Int32(bitPattern: try reader.readUInt32("transaction version"))
        var segwit = false
        if reader.peek() == 0x00, reader.peek(1) == 0x01 {
            segwit = true
            _ = try reader.readByte("segwit marker")
            _ = try reader.readByte("segwit flag")
        }
        let inputCount = try reader.readCompactSize("transaction input count")
        var inputs: [TransactionInput] = []
        inputs.reserveCapacity(inputCount)
        for _ in 0..<inputCount {
            let txid = try reader.readHash("input prevout txid")
            let index = try reader.readUInt32("input prevout index")
            let scriptSig = try reader.readVarBytes("input scriptSig")
            let sequence = try reader.readUInt32("input sequence")
            inputs.append(TransactionInput(previousOutput: OutPoint(txid: txid, index: index), scriptSig: scriptSig, sequence: sequence))
        }
        let outputCount = try reader.readCompactSize("transaction output count")
        var outputs: [TransactionOutput] = []
        outputs.reserveCapacity(outputCount)
        for _ in 0..<outputCount {
            let value = Int64(bitPattern: try reader.readUInt64("output value"))
            outputs.append(TransactionOutput(value: value, scriptPubKey: try reader.readVarBytes("output scriptPubKey")))
        }
        if segwit {
            for index in inputs.indices {
                let itemCount = try reader.readCompactSize("witness item count")
                var items: [[UInt8]] = []
                items.reserveCapacity(itemCount)
                for _ in 0..<itemCount { items.append(try reader.readVarBytes("witness item")) }
                inputs[index].witness = items
            }
        }
        self.inputs = inputs
        self.outputs = outputs
        lockTime = try reader.readUInt32("transaction locktime")
    }
}
