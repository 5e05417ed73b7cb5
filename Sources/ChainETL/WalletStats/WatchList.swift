public import Foundation

/// `etl.watched_addresses`: the wallets whose transactions `stats.watched_transactions` lists (the wallet-scan
/// seed's tracked wallets, derived from the analytics database instead of a rate-limited explorer API).
public struct WatchList {
    /// A watched address with what the statistics know about it.
    public struct Entry: Sendable, Equatable {
        /// The watched address.
        public var address: String
        /// Who it belongs to, if given.
        public var owner: String?
        /// When it was first watched.
        public var addedAt: Date
        /// From `stats.address_stats`; nil while the address has no transaction on the best chain.
        public var balance: Int64?
        /// From `stats.address_stats`; nil while the address has no transaction on the best chain.
        public var transactionCount: Int64?
        /// The time of its latest block; nil while it has none.
        public var lastSeenTime: Date?
    }

    /// What `add` did.
    public enum AddOutcome: Sendable, Equatable {
        /// The address was not watched before.
        case added
        /// It was watched; its owner was set to the new value.
        case ownerChanged
        /// It was watched already with this owner.
        case unchanged
    }

    private let connection: PostgresConnection

    /// The watch list in the database `connection` is open on.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Watches `address`; with an owner, sets it (an existing owner is kept when `owner` is nil).
    public func add(_ address: String, owner: String?) throws -> AddOutcome {
        let existing = try connection.query("SELECT owner FROM etl.watched_addresses WHERE address = $1", [address])
        guard let row = existing.first else {
            try connection.execute("INSERT INTO etl.watched_addresses (address, owner) VALUES ($1, $2)", [address, owner])
            return .added
        }
        guard let owner, try row.decode(String?.self, at: 0) != owner else { return .unchanged }
        try connection.execute("UPDATE etl.watched_addresses SET owner = $2 WHERE address = $1", [address, owner])
        return .ownerChanged
    }

    /// Stops watching `address`; returns false when it was not watched.
    public func remove(_ address: String) throws -> Bool {
        try connection.execute("DELETE FROM etl.watched_addresses WHERE address = $1", [address]) > 0
    }

    /// Whether `address` has any transaction on the best chain.
    public func isOnChain(_ address: String) throws -> Bool {
        try connection.query("SELECT EXISTS (SELECT 1 FROM chain.address_movements WHERE address = $1)", [address])[0].bool(0)
    }

    /// Every watched address, oldest first.
    public func entries() throws -> [Entry] {
        try connection.query("""
            SELECT w.address, w.owner, w.added_at, s.balance, s.tx_count, s.last_seen_time
            FROM etl.watched_addresses w
            LEFT JOIN stats.address_stats s ON s.address = w.address
            ORDER BY w.added_at, w.address COLLATE "C"
            """).map { row in
            Entry(address: try row.string(0), owner: try row.decode(String?.self, at: 1), addedAt: try row.date(2),
                  balance: try row.decode(Int64?.self, at: 3), transactionCount: try row.decode(Int64?.self, at: 4),
                  lastSeenTime: try row.decode(Date?.self, at: 5))
        }
    }
}
