/// A 32-byte hash (txid, block hash, merkle root) held in four integers, so it is hashable, comparable and
/// copyable without a heap allocation. Bytes are kept in the order the hash function produced them (the
/// "internal" order used in serializations); bitcoind *shows* them reversed, which `displayHex` does.
public struct Hash256: Hashable, Sendable, CustomStringConvertible {
    /// Bytes 0-7, 8-15, 16-23 and 24-31 of the internal byte order, each read little-endian.
    public var word0: UInt64
    public var word1: UInt64
    public var word2: UInt64
    public var word3: UInt64

    /// All zeros: the "previous block" of the genesis block and the prevout txid of a coinbase input.
    public static let zero = Hash256(word0: 0, word1: 0, word2: 0, word3: 0)

    public init(word0: UInt64, word1: UInt64, word2: UInt64, word3: UInt64) {
        self.word0 = word0
        self.word1 = word1
        self.word2 = word2
        self.word3 = word3
    }

    /// Reads 32 bytes in internal order.
    public init(_ raw: UnsafeRawBufferPointer) {
        precondition(raw.count >= 32, "a Hash256 needs 32 bytes")
        word0 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        word1 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        word2 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        word3 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
    }

    /// Takes 32 bytes in internal order; nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self = bytes.withUnsafeBytes { Hash256($0) }
    }

    /// Parses the byte-reversed hex bitcoind prints (64 hex digits); nil when malformed.
    public init?(displayHex: String) {
        guard displayHex.utf8.count == 64, let bytes = Hex.decode(displayHex) else { return nil }
        self.init(bytes: bytes.reversed())
    }

    init(bigEndianWords state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)) {
        @inline(__always) func pack(_ high: UInt32, _ low: UInt32) -> UInt64 {
            // Internal byte order is big-endian per SHA word; each UInt64 word is little-endian bytes.
            UInt64(high.byteSwapped) | (UInt64(low.byteSwapped) << 32)
        }
        word0 = pack(state.0, state.1)
        word1 = pack(state.2, state.3)
        word2 = pack(state.4, state.5)
        word3 = pack(state.6, state.7)
    }

    /// Calls `body` with the 32 bytes in internal order, without allocating.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        var words = (word0.littleEndian, word1.littleEndian, word2.littleEndian, word3.littleEndian)
        return try Swift.withUnsafeBytes(of: &words) { try body($0) }
    }

    /// The 32 bytes in internal (serialization) order.
    public var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// Appends the 32 internal-order bytes, as serializations need.
    public func append(to buffer: inout [UInt8]) {
        withUnsafeBytes { buffer.append(contentsOf: $0) }
    }

    /// The reversed hex bitcoind shows for txids and block hashes.
    public var displayHex: String {
        Hex.encode(bytes.reversed())
    }

    /// Appends `displayHex` as ASCII to a buffer (for fast JSON rendering).
    public func appendDisplayHex(to buffer: inout [UInt8]) {
        withUnsafeBytes { raw in
            for index in stride(from: 31, through: 0, by: -1) { Hex.appendByte(raw[index], to: &buffer) }
        }
    }

    public var description: String { displayHex }
}
