import CLibPQ

/// Bulk loading with `COPY ... FROM STDIN`: about a hundred times faster than row-by-row INSERTs, and
/// all-or-nothing: if the row producer throws, the COPY is aborted and no row is written. Text format for
/// everything (`copyIn`), binary for the bulk loads whose columns are plain integers, text and booleans
/// (`copyInBinary`: less for the server to parse).
extension PostgresConnection {
    /// Runs `copyStatement` (e.g. `COPY chain.blocks (height, hash) FROM STDIN`) and streams the rows that
    /// `produceRows` appends to the writer. Returns the number of rows the server stored. If `produceRows`
    /// throws, the COPY is aborted with `PQputCopyEnd` and the producer's error is rethrown unchanged. The
    /// connection must not be used inside `produceRows`.
    @discardableResult
    public func copyIn(_ copyStatement: String, _ produceRows: (inout PostgresCopyWriter) throws -> Void) throws -> Int {
        var writer = PostgresCopyWriter(connection: self)
        return try copy(copyStatement, with: &writer, produceRows)
    }

    /// `COPY table (columns) FROM STDIN` with the table and column names quoted as identifiers
    /// (`"schema"."table"` when `table` is qualified with a dot).
    @discardableResult
    public func copyIn(
        table: String, columns: [String], _ produceRows: (inout PostgresCopyWriter) throws -> Void
    ) throws -> Int {
        try copyIn("COPY \(Self.copyTarget(table, columns)) FROM STDIN", produceRows)
    }

    /// `COPY table (columns) FROM STDIN (FORMAT binary)`, names quoted as in `copyIn(table:columns:_:)`: each
    /// row must append one field per column, of the column's type.
    @discardableResult
    public func copyInBinary(
        table: String, columns: [String], _ produceRows: (inout PostgresBinaryCopyWriter) throws -> Void
    ) throws -> Int {
        var writer = PostgresBinaryCopyWriter(connection: self, fieldCount: columns.count)
        return try copy("COPY \(Self.copyTarget(table, columns)) FROM STDIN (FORMAT binary)", with: &writer, produceRows)
    }

    /// Sends one chunk of COPY data.
    func putCopyData(_ bytes: ArraySlice<UInt8>) throws {
        guard !bytes.isEmpty else { return }
        let sent = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        }
        guard sent == 1 else { throw connectionError(statement: "COPY ... FROM STDIN") }
    }

    private static func copyTarget(_ table: String, _ columns: [String]) -> String {
        let tableName = table.split(separator: ".").map { PostgresIdentifier.quoted(String($0)) }.joined(separator: ".")
        return "\(tableName) (\(columns.map(PostgresIdentifier.quoted).joined(separator: ", ")))"
    }

    /// Starts the COPY, lets `produceRows` fill `writer`, and ends it: aborted if the producer throws.
    private func copy<Writer: CopyRowSink>(
        _ copyStatement: String, with writer: inout Writer, _ produceRows: (inout Writer) throws -> Void
    ) throws -> Int {
        _ = try checked(PQexec(handle, copyStatement), statement: copyStatement, expecting: [PGRES_COPY_IN])
        do {
            try produceRows(&writer)
            try writer.finish()
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
}

/// A writer `copyIn` streams through, whatever its format.
protocol CopyRowSink {
    /// Rows ended so far.
    var rowCount: Int { get }
    /// Sends what is left, the format's trailer included.
    mutating func finish() throws
}
