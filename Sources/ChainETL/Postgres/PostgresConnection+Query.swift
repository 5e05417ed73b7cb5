import CLibPQ
import Foundation

/// Statements with parameters. Values always travel as parameters (`$1`, `$2`, ...) in text format, never
/// spliced into SQL, so quotes, backslashes and non-ASCII text cannot change the statement.
extension PostgresConnection {
    /// Runs a statement and returns its rows (empty for statements that return none).
    @discardableResult
    public func query(_ sql: String, _ parameters: [(any PostgresBindable)?] = []) throws -> PostgresResult {
        let result = withParameterPointers(parameters) { pointers in
            PQexecParams(handle, sql, Int32(pointers.count), nil, pointers, nil, nil, 0)
        }
        return try checked(result, statement: sql, expecting: [PGRES_TUPLES_OK, PGRES_COMMAND_OK])
    }

    /// Runs a statement for its effect and returns the number of rows it inserted, updated or deleted.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [(any PostgresBindable)?] = []) throws -> Int {
        try query(sql, parameters).affectedRowCount
    }

    /// Runs SQL text that may hold several statements and no parameters (migrations, `SET`, `BEGIN`), using
    /// the simple query protocol. Never build such text from values.
    public func executeScript(_ sql: String) throws {
        _ = try checked(PQexec(handle, sql), statement: sql, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY])
    }

    /// Wraps `result` if its status is one of `expected`, otherwise frees it and throws the server's error.
    func checked(_ result: OpaquePointer?, statement: String, expecting expected: [ExecStatusType]) throws -> PostgresResult {
        guard let result else { throw connectionError(statement: statement) }
        guard expected.contains(PQresultStatus(result)) else {
            let failure = error(from: result, statement: statement)
            PQclear(result)
            throw failure
        }
        return PostgresResult(handle: result, location: location)
    }

    /// The error a failed result describes, with the server's diagnostic fields.
    func error(from result: OpaquePointer, statement: String?) -> PostgresError {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        let status = PQresultStatus(result)
        guard status == PGRES_FATAL_ERROR || status == PGRES_NONFATAL_ERROR else {
            let name = String(cString: PQresStatus(status))
            return PostgresError(kind: .misuse, message: "unexpected result status \(name)", location: location,
                                 statement: statement, advice: "this statement is not supported by this call")
        }
        let sqlState = field(CHAIN_ETL_PG_DIAG_SQLSTATE)
        let message = field(CHAIN_ETL_PG_DIAG_MESSAGE_PRIMARY) ?? String(cString: PQresultErrorMessage(result))
        let lost = PQstatus(handle) != CONNECTION_OK
        return PostgresError(
            kind: lost && sqlState == nil ? .connectionLost : .server, sqlState: sqlState,
            message: PostgresError.oneLine(message), detail: field(CHAIN_ETL_PG_DIAG_MESSAGE_DETAIL),
            hint: field(CHAIN_ETL_PG_DIAG_MESSAGE_HINT), location: location, statement: statement,
            advice: lost ? "the connection to the server was lost; the run can be retried" : nil)
    }

    /// The error when libpq returned no result at all: the connection broke or memory ran out.
    func connectionError(statement: String?) -> PostgresError {
        let message = PostgresError.oneLine(String(cString: PQerrorMessage(handle)))
        return PostgresError(kind: .connectionLost, message: message.isEmpty ? "no result from libpq" : message,
                             location: location, statement: statement,
                             advice: "the connection to the server was lost; the run can be retried")
    }

    /// Calls `body` with NUL-terminated copies of the parameters' text (nil entries for NULL), valid only inside.
    func withParameterPointers<R>(_ parameters: [(any PostgresBindable)?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let pointers: [UnsafePointer<CChar>?] = parameters.map { parameter in
            (parameter?.postgresText).map { UnsafePointer(strdup($0)) } ?? nil
        }
        defer { pointers.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
        return body(pointers)
    }
}
