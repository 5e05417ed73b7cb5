/// Keeps the ledger's BRIN index on `block_height` summarized, so reading a block stays cheap as the ledger
/// grows.
///
/// A BRIN index knows the lowest and highest height of each range of pages it has summarized; pages added since
/// are unknown to it, and every read by block scans all of them. VACUUM summarizes them, but autovacuum visits an
/// insert-only table only after it grew by a fifth: on a mainnet-sized ledger, hundreds of millions of rows
/// that every block read would scan. So copy-raw summarizes what it added after each commit (0.27 s in all for
/// the 40 batches of a 300-block load). It never waits for a VACUUM of the table (which summarizes the ranges
/// itself) and never fails the run: a missing summary only slows reads.
public struct LedgerBlockIndex {
    /// The index, as migration 4 of the chain track creates it.
    public static let name = "chain.address_movements_block_height_idx"

    /// What one attempt did.
    public enum Outcome: Equatable, Sendable {
        /// The ranges added since the last summary are summarized (possibly none).
        case summarized(ranges: Int)
        /// A VACUUM holds the table; it summarizes the ranges itself.
        case tableBusy
        /// The role may not summarize the index (only its owner may); the server's message says why.
        case notPermitted(String)
    }

    let connection: PostgresConnection

    /// Creates the summarizer for the ledger in `connection`'s database.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Summarizes the page ranges added since the last summary, in a transaction of its own that waits at most
    /// 100 ms for the table.
    public func summarizeNewRanges() throws -> Outcome {
        do {
            return .summarized(ranges: try connection.transaction { connection in
                try connection.executeScript("SET LOCAL lock_timeout = '100ms'")
                return try connection.query("SELECT brin_summarize_new_values($1::regclass)", [Self.name])[0].int(0)
            })
        } catch let error as PostgresError where error.sqlState == SQLState.lockNotAvailable {
            return .tableBusy
        } catch let error as PostgresError where error.sqlState == SQLState.insufficientPrivilege {
            return .notPermitted(error.message)
        }
    }
}
