import CLibPQ

/// The rows of one statement's result. It owns the `PGresult*` (freed in `deinit`) and is a collection of
/// rows, so `for row in try connection.query(...)` reads naturally; values are parsed only when asked for.
public final class PostgresResult: RandomAccessCollection {
    let handle: OpaquePointer
    /// Where the result came from, for decoding errors.
    let location: String

    init(handle: OpaquePointer, location: String) {
        self.handle = handle
        self.location = location
    }

    deinit {
        PQclear(handle)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { Int(PQntuples(handle)) }

    public subscript(position: Int) -> PostgresRow {
        PostgresRow(result: self, index: position)
    }

    /// Number of columns in each row.
    public var columnCount: Int { Int(PQnfields(handle)) }

    /// Column names in order, as the server labelled them.
    public var columnNames: [String] {
        (0..<PQnfields(handle)).map { String(cString: PQfname(handle, $0)) }
    }

    /// Rows inserted, updated, deleted or copied by the statement (0 for statements that report none).
    public var affectedRowCount: Int {
        Int(String(cString: PQcmdTuples(handle))) ?? 0
    }

    /// The index of the column named `name` (exact match, as `PQfnumber` with a quoted name), if any.
    func columnIndex(named name: String) -> Int? {
        let index = Int(PQfnumber(handle, "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""))
        return index >= 0 ? index : nil
    }
}

@available(*, unavailable, message: "results belong to the connection's task")
extension PostgresResult: Sendable {}
