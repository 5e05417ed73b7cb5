/// Writes blocks into the `chain` tables and takes them out again, keeping the ledger, the supply and the
/// change log (`chain.block_changes`) in step, so every later tool reads one consistent best chain.
///
/// Works on blocks already derived into rows (`BlockRows`); where the rows came from (the landing zone, a test's
/// hand-made chain) does not matter. Every method must run inside the caller's transaction, which also advances
/// the caller's cursor: a block is written whole with its cursor or not at all.
public struct ChainWriter {
    let connection: PostgresConnection

    /// A writer on the analytics database.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The best-chain tip in `chain.blocks`, or nil while the tables are empty.
    public func tip() throws -> (height: Int64, hash: String)? {
        let rows = try connection.query("SELECT height, hash FROM chain.blocks ORDER BY height DESC LIMIT 1")
        guard let row = rows.first else { return nil }
        return (try row.int64(0), try row.string(1))
    }
}
