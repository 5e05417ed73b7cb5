import CLibPQ

extension PostgresRow {
    /// The column's text as raw UTF-8 bytes, for large JSON documents a byte parser reads next: one copy out of
    /// libpq's buffer, without building (and validating) a `String` first. NULL throws.
    public func textBytes(_ column: Int) throws -> [UInt8] {
        guard !isNull(column) else {
            throw PostgresError(
                kind: .decoding, message: "column \(column) is NULL where text was expected", location: result.location,
                advice: "report this as a bug")
        }
        let length = Int(PQgetlength(result.handle, Int32(index), Int32(column)))
        guard let value = PQgetvalue(result.handle, Int32(index), Int32(column)) else { return [] }
        return value.withMemoryRebound(to: UInt8.self, capacity: length) {
            Array(UnsafeBufferPointer(start: $0, count: length))
        }
    }
}
