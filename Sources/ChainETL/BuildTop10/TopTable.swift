/// One of the tables `build-top10` rebuilds, with the set-based query that computes its complete new content.
///
/// All windows count back from the tip block (its height, its time; see `TipWindow`), never from the wall clock,
/// so a backfill gives the same tables a live run gave. Ranks follow the ORDER BY of the window function, and ties
/// fall to the address or txid in byte order (`COLLATE "C"`), so the result does not depend on the database's
/// locale.
public enum TopTable: String, CaseIterable, Sendable {
    case richest = "top_richest"
    case miners = "top_miners"
    case transactions24h = "top_transactions_24h"
    case activeAddresses24h = "top_active_addresses_24h"
    case networkStatus = "network_status"

    /// The table's name in the `stats` schema.
    public var name: String { rawValue }

    /// `stats.<name>`, for messages and the SQL below.
    public var qualifiedName: String { "stats." + rawValue }

    /// The columns in table order; the fresh rows are inserted and swapped in with exactly these.
    public var columns: [String] {
        switch self {
        case .richest: return ["rank", "address", "balance", "share", "label"]
        case .miners: return ["rank", "address", "blocks", "share", "reward"]
        case .transactions24h: return ["rank", "txid", "block_height", "tx_index", "block_time", "amount", "fee"]
        case .activeAddresses24h: return ["rank", "address", "tx_count", "received", "sent"]
        case .networkStatus:
            return ["height", "tip_hash", "tip_time", "difficulty", "hashrate", "supply", "nonempty_addresses", "updated_at"]
        }
    }

    /// The columns whose difference means the content changed. `updated_at` is not among them: it records
    /// when the content last changed, so a run over unchanged inputs must leave it alone.
    public var comparedColumns: [String] {
        columns.filter { $0 != "updated_at" }
    }

    /// Fills `pg_temp.<name>` (a copy of the table's shape) with the complete new content; its parameters are
    /// `parameters(window:topRichestCount:)`.
    var freshContentSQL: String {
        switch self {
        case .richest: return TopTableQueries.richest
        case .miners: return TopTableQueries.miners
        case .transactions24h: return TopTableQueries.transactions24h
        case .activeAddresses24h: return TopTableQueries.activeAddresses24h
        case .networkStatus: return TopTableQueries.networkStatus
        }
    }

    /// The values of `freshContentSQL`'s `$1`, `$2`.
    func parameters(window: TipWindow, topRichestCount: Int) -> [(any PostgresBindable)?] {
        switch self {
        case .richest: return [topRichestCount, window.tipHeight]
        case .miners, .networkStatus: return [window.tipHeight]
        case .transactions24h, .activeAddresses24h: return [window.tipHeight, window.dayStartHeight]
        }
    }
}
