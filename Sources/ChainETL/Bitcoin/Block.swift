/// The 80-byte block header; its double SHA-256 is the block hash.
public struct BlockHeader: Sendable, Equatable {
    public var version: Int32
    public var previousBlockHash: Hash256
    public var merkleRoot: Hash256
    public var time: UInt32
    public var bits: UInt32
    public var nonce: UInt32

    public init(version: Int32, previousBlockHash: Hash256, merkleRoot: Hash256, time: UInt32, bits: UInt32, nonce: UInt32) {
        self.version = version
        self.previousBlockHash = previousBlockHash
        self.merkleRoot = merkleRoot
        self.time = time
        self.bits = bits
        self.nonce = nonce
    }

    /// Appends the 80 serialized bytes.
    public func write(to buffer: inout [UInt8]) {
        buffer.appendLittleEndian(UInt32(bitPattern: version))
        previousBlockHash.append(to: &buffer)
        merkleRoot.append(to: &buffer)
        buffer.appendLittleEndian(time)
        buffer.appendLittleEndian(bits)
        buffer.appendLittleEndian(nonce)
    }

    /// The 80 serialized bytes (`getblockheader hash false`).
    public var serialized: [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(80)
        write(to: &buffer)
        return buffer
    }

    /// The block hash.
    public var hash: Hash256 { SHA256.doubleHash(serialized) }

    init(reading reader: inout ByteReader) throws {
        version = Int32(bitPattern: try reader.readUInt32("header version"))
        previousBlockHash = try reader.readHash("header previous block hash")
        merkleRoot = try reader.readHash("header merkle root")
        time = try reader.readUInt32("header time")
        bits = try reader.readUInt32("header bits")
        nonce = try reader.readUInt32("header nonce")
    }
}

/// A full block: header and transactions, coinbase first.
public struct Block: Sendable, Equatable {
    public var header: BlockHeader
    public var transactions: [Transaction]

    public init(header: BlockHeader, transactions: [Transaction]) {
        self.header = header
        self.transactions = transactions
    }

    /// Appends the wire serialization (`getblock hash 0`); without witnesses for the stripped size.
    public func write(to buffer: inout [UInt8], includingWitness: Bool = true) {
        header.write(to: &buffer)
        buffer.appendCompactSize(transactions.count)
        for transaction in transactions { transaction.write(to: &buffer, includingWitness: includingWitness) }
    }

    /// The wire serialization.
    public func serialized(includingWitness: Bool = true) -> [UInt8] {
        var buffer: [UInt8] = []
        write(to: &buffer, includingWitness: includingWitness)
        return buffer
    }

    /// Parses a serialized block; the bytes must hold exactly one.
    public init(parsing bytes: [UInt8]) throws {
        var reader = ByteReader(bytes)
        header = try BlockHeader(reading: &reader)
        let count = try reader.readCompactSize("block transaction count")
        var transactions: [Transaction] = []
        transactions.reserveCapacity(count)
        for _ in 0..<count { transactions.append(try Transaction(reading: &reader)) }
        self.transactions = transactions
        guard reader.isAtEnd else { throw BitcoinDecodingError(field: "bytes after the block", offset: reader.offset) }
    }

    /// The merkle root of the transactions' txids, to compare with `header.merkleRoot`.
    public var computedMerkleRoot: Hash256 {
        MerkleTree.root(of: transactions.map(\.txid))
    }

    /// `size`, `strippedsize` and `weight` as bitcoind reports them.
    public var sizes: (size: Int, strippedSize: Int, weight: Int) {
        let size = serialized(includingWitness: true).count
        let stripped = serialized(includingWitness: false).count
        return (size, stripped, stripped * 3 + size)
    }
}
