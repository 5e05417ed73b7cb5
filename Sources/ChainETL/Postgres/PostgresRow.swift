import CLibPQ
public import Foundation

/// One row of a `PostgresResult`. Getters check NULL first (`PQgetvalue` returns "" for NULL, which would
/// silently read as an empty string or zero) and throw a `PostgresError` naming the column when the value is
/// NULL or not of the requested type. Read nullable columns with an optional type: `decode(String?.self, at: 2)`.
public struct PostgresRow {
    let result: PostgresResult
    /// The row's position in its result.
    public let index: Int

    /// Whether the column holds SQL NULL.
    public func isNull(_ column: Int) -> Bool {
        PQgetisnull(result.handle, Int32(index), Int32(column)) != 0
    }

    /// The column's value as `type`; NULL only if `type` is optional.
    public func decode<Value: PostgresDecodable>(_ type: Value.Type = Value.self, at column: Int) throws -> Value {
        guard column >= 0, column < result.columnCount else {
            throw decodingError(column: "#\(column)", type: Value.self, reason: "the result has \(result.columnCount) columns")
        }
        if isNull(column) {
            guard let null = Value.postgresNull else {
                throw decodingError(column: columnLabel(column), type: Value.self, reason: "the value is NULL")
            }
            return null
        }
        let length = Int(PQgetlength(result.handle, Int32(index), Int32(column)))
        let decoded = PQgetvalue(result.handle, Int32(index), Int32(column)).withMemoryRebound(to: UInt8.self, capacity: length) {
            Value(postgresText: UnsafeBufferPointer(start: $0, count: length))
        }
        guard let decoded else {
            throw decodingError(column: columnLabel(column), type: Value.self, reason: "the text is not a valid value")
        }
        return decoded
    }

    /// The value of the column named `name` as `type`.
    public func decode<Value: PostgresDecodable>(_ type: Value.Type = Value.self, named name: String) throws -> Value {
        guard let column = result.columnIndex(named: name) else {
            throw decodingError(column: "\"\(name)\"", type: Value.self, reason: "no such column in the result")
        }
        return try decode(type, at: column)
    }

    /// A text column that must not be NULL.
    public func string(_ column: Int) throws -> String { try decode(at: column) }
    /// An integer column (`smallint`, `integer`, `bigint`) that must not be NULL.
    public func int64(_ column: Int) throws -> Int64 { try decode(at: column) }
    /// An integer column that must not be NULL, as `Int`.
    public func int(_ column: Int) throws -> Int { try decode(at: column) }
    /// A `boolean` column that must not be NULL.
    public func bool(_ column: Int) throws -> Bool { try decode(at: column) }
    /// A `bytea` column that must not be NULL.
    public func bytes(_ column: Int) throws -> [UInt8] { try decode(at: column) }
    /// A `timestamptz` (or `date`) column that must not be NULL.
    public func date(_ column: Int) throws -> Date { try decode(at: column) }

    private func columnLabel(_ column: Int) -> String {
        "\"\(String(cString: PQfname(result.handle, Int32(column))))\""
    }

    private func decodingError<Value>(column: String, type: Value.Type, reason: String) -> PostgresError {
        PostgresError(kind: .decoding, message: "cannot read column \(column) of row \(index) as \(Value.self): \(reason)",
                      location: result.location, advice: "the query and the code reading it disagree; fix the query or the column type")
    }
}
