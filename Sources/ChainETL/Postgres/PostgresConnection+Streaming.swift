import CLibPQ

/// Reading results too large for memory. libpq's single-row mode hands over one row at a time as the server
/// sends it, so memory stays flat however many rows the query returns.
extension PostgresConnection {
    /// Runs `sql` and calls `body` once per row, in order, without loading the whole result. If `body` throws,
    /// the query is cancelled on the server, the connection is drained back to idle and the error is rethrown.
    /// Do not use the connection from inside `body`: it is busy receiving this result.
    public func forEachRow(
        _ sql: String, _ parameters: [(any PostgresBindable)?] = [], _ body: (PostgresRow) throws -> Void
    ) throws {
        let sent = withParameterPointers(parameters) { pointers in
            PQsendQueryParams(handle, sql, Int32(pointers.count), nil, pointers, nil, nil, 0)
        }
        guard sent == 1 else { throw connectionError(statement: sql) }
        guard PQsetSingleRowMode(handle) == 1 else {
            drainResults()
            throw PostgresError(kind: .misuse, message: "could not switch to single-row mode", location: location,
                                statement: sql, advice: "report this as a bug")
        }
        var bodyError: (any Error)?
        var serverError: PostgresError?
        while let raw = PQgetResult(handle) {
            let status = PQresultStatus(raw)
            if status == PGRES_SINGLE_TUPLE, bodyError == nil, serverError == nil {
                let result = PostgresResult(handle: raw, location: location)
                do {
                    try body(result[0])
                } catch {
                    bodyError = error
                    cancelRunningStatement()
                }
            } else if status == PGRES_FATAL_ERROR, serverError == nil, bodyError == nil {
                serverError = self.error(from: raw, statement: sql)
                PQclear(raw)
            } else {
                PQclear(raw)
            }
        }
        if let bodyError { throw bodyError }
        if let serverError { throw serverError }
    }

    /// Asks the server to stop the statement this connection is running (best effort).
    func cancelRunningStatement() {
        guard let cancel = PQgetCancel(handle) else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &buffer, Int32(buffer.count))
        PQfreeCancel(cancel)
    }

    /// Reads and frees results until libpq reports none, returning the connection to idle.
    func drainResults() {
        while let raw = PQgetResult(handle) { PQclear(raw) }
    }
}
