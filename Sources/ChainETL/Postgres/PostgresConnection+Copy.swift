import CLibPQ

/// Bulk loading with `COPY ... FROM STDIN` (text format): about a hundred times faster than row-by-row
/// INSERTs, and all-or-nothing: if the row producer throws, the COPY is aborted and no row is written.
extension PostgresConnection {
    /// Runs `copyStatement` (e.g. `COPY chain.blocks (height, hash) FROM STDIN`) and streams the rows that
    /// `produceRows` appends to the writer. Returns the number of rows the server stored. If `produceRows`
    /// throws, the COPY is aborted with `PQputCopyEnd` and the producer's error is rethrown unchanged. The
    /// connection must not be used inside `produceRows`.
    @discardableResult
    public func copyIn(_ copyStatement: String, _ produceRows: (inout PostgresCopyWriter) throws -> Void) throws -> Int {
        _ = try checked(PQexec(handle, copyStatement), statement: copyStatement, expecting: [PGRES_COPY_IN])
        var writer = PostgresCopyWriter(connection: self)
        do {
            try produceRows(&writer)
            try writer.flush()
        } catch {
            _ = PQputCopyEnd(handle, "chain-etl aborted the COPY: the row producer failed")
            drainResults()
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else {
            let failure = connectionError(statement: copyStatement)
            drainResults()
            throw failure
        }
        var copied = 0
        var failure: PostgresError?
        while let raw = PQgetResult(handle) {
            if PQresultStatus(raw) == PGRES_COMMAND_OK {
                copied = Int(String(cString: PQcmdTuples(raw))) ?? writer.rowCount
            } else if failure == nil {
                failure = error(from: raw, statement: copyStatement)
            }
            PQclear(raw)
        }
        if let failure { throw failure }
        return copied
    }

    /// `COPY table (columns) FROM STDIN` with the table and column names quoted as identifiers
    /// (`"schema"."table"` when `table` is qualified with a dot).
    @discardableResult
    public func copyIn(
        table: String, columns: [String], _ produceRows: (inout PostgresCopyWriter) throws -> Void
    ) throws -> Int {
        let tableName = table.split(separator: ".").map { PostgresIdentifier.quoted(String($0)) }.joined(separator: ".")
        let columnList = columns.map(PostgresIdentifier.quoted).joined(separator: ", ")
        return try copyIn("COPY \(tableName) (\(columnList)) FROM STDIN", produceRows)
    }
}
