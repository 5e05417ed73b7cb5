/// `--export-json DIR`: every `stats` table except the per-address ones as one JSON file each, all read from one
/// snapshot (so the files agree with each other) and published all-or-nothing through `ExportDirectory`.
public struct StatsJSONExport {
    private let connection: PostgresConnection
    private let directory: ExportDirectory
    private let chain: Chain
    private let lockTimeoutMilliseconds: Int

    /// An export of the database on `connection` into `directory`.
    ///
    /// - Parameter lockTimeoutMilliseconds: how long a read may wait for a table another session has locked
    ///   exclusively (a `VACUUM FULL`, a migration) before the export gives up rather than hang the hourly chain.
    public init(connection: PostgresConnection, directory: ExportDirectory, chain: Chain,
                lockTimeoutMilliseconds: Int = 60_000) {
        self.connection = connection
        self.directory = directory
        self.chain = chain
        self.lockTimeoutMilliseconds = lockTimeoutMilliseconds
    }

    /// Reads, renders and publishes; returns the documents written. A failure anywhere before publishing
    /// leaves the directory's previous files as they were.
    @discardableResult
    public func run() throws -> [StatsTableDocument] {
        try directory.prepare()
        let documents = try read()
        try directory.publish(documents.map { ($0.fileName, $0.rendered()) })
        return documents
    }

    /// Every exportable table's rows from one read-only REPEATABLE READ snapshot.
    ///
    /// The lock timeout is set for the session around the transaction, because a SELECT inside it would take
    /// the snapshot; the first statement that does is after the locks on what `wallet-stats --full` empties
    /// with TRUNCATE, which a snapshot taken before its commit would read as empty.
    public func read() throws -> [StatsTableDocument] {
        try connection.execute("SELECT set_config('lock_timeout', $1, false)", ["\(lockTimeoutMilliseconds)ms"])
        defer { try? connection.executeScript("RESET lock_timeout") }
        return try connection.transaction(isolation: .repeatableRead) { connection in
            try connection.executeScript("SET TRANSACTION READ ONLY")
            try connection.lockForReading(["chain.blocks"] + FullRebuild.emptiedTables)
            let header = try connection.query("SELECT now()::text, (SELECT max(height) FROM chain.blocks)")[0]
            let exportedAt = try header.string(0)
            let height = try header.decode(Int64?.self, at: 1)
            return try StatsCatalog.tables(on: connection).map { table in
                let rows = try connection.query(table.selectStatement).map { row in
                    try table.columns.indices.map { try row.decode(String?.self, at: $0) }
                }
                return StatsTableDocument(
                    name: table.name, chain: chain, height: height, exportedAt: exportedAt, columns: table.columns,
                    rows: rows)
            }
        }
    }
}
