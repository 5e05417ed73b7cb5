import ChainETL

/// Everything scrape stored, in a comparable form: the blocks (with a digest of each answer) and the ordered
/// best-chain events without their sequence numbers (a rolled-back transaction may skip a sequence value).
public struct LandingZoneSnapshot: Equatable, Sendable, CustomStringConvertible {
    public struct Block: Equatable, Sendable {
        public var height: Int64
        public var hash: String
        public var inBestChain: Bool
        public var format: Int
        public var bodyDigest: String
    }

    public struct Event: Equatable, Sendable {
        public var change: String
        public var height: Int64
        public var hash: String

        public init(change: String, height: Int64, hash: String) {
            self.change = change
            self.height = height
            self.hash = hash
        }
    }

    public var blocks: [Block]
    public var events: [Event]

    /// Reads the landing zone of `database`.
    public static func read(_ database: TestDatabase) throws -> LandingZoneSnapshot {
        let connection = try database.connect()
        let blocks = try connection.query("""
            SELECT height, hash, in_best_chain, format, md5(body || coalesce(transactions, ''))
            FROM raw.blocks ORDER BY height, hash
            """).map {
            Block(height: try $0.int64(0), hash: try $0.string(1), inBestChain: try $0.bool(2), format: try $0.int(3),
                  bodyDigest: try $0.string(4))
        }
        let events = try connection.query("SELECT change, height, hash FROM raw.chain_events ORDER BY sequence").map {
            Event(change: try $0.string(0), height: try $0.int64(1), hash: try $0.string(2))
        }
        return LandingZoneSnapshot(blocks: blocks, events: events)
    }

    /// The best-chain hashes by height.
    public var bestChain: [String] {
        blocks.filter(\.inBestChain).sorted { $0.height < $1.height }.map(\.hash)
    }

    public var description: String {
        "\(blocks.count) blocks (\(bestChain.count) best), \(events.count) events"
    }
}
