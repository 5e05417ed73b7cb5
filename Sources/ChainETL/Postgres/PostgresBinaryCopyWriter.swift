/// The row sink handed to the closure of `PostgresConnection.copyInBinary`: like `PostgresCopyWriter`, but each
/// field is appended in binary form and names its column's type (see `CopyBinaryEncoder` for why).
public struct PostgresBinaryCopyWriter {
    private var encoder: CopyBinaryEncoder
    private let connection: PostgresConnection
    /// Rows ended so far.
    public private(set) var rowCount = 0

    init(connection: PostgresConnection, fieldCount: Int) {
        self.connection = connection
        encoder = CopyBinaryEncoder(fieldCount: fieldCount, capacity: PostgresCopyWriter.flushThreshold + 64 * 1024)
    }

    /// Appends a `bigint` field (nil is NULL).
    public mutating func append(int8 value: Int64?) { encoder.append(int8: value) }

    /// Appends an `integer` field (nil is NULL); a value outside its range fails the row.
    public mutating func append(int4 value: Int?) { encoder.append(int4: value) }

    /// Appends a `text` field (nil is NULL).
    public mutating func append(text: String?) { encoder.append(text: text) }

    /// Appends a `boolean` field.
    public mutating func append(bool value: Bool) { encoder.append(bool: value) }

    /// Ends the row; sends the buffer if it is full. Throws `CopyRowError` for a row that cannot be sent as
    /// built, or the connection's error if it refuses the data.
    public mutating func endRow() throws {
        try encoder.endRow()
        rowCount += 1
        if encoder.count >= PostgresCopyWriter.flushThreshold { try flush() }
    }

    private mutating func flush() throws {
        try connection.putCopyData(encoder.bytes)
        encoder.removeAll()
    }
}

extension PostgresBinaryCopyWriter: CopyRowSink {
    mutating func finish() throws {
        encoder.appendTrailer()
        try flush()
    }
}
