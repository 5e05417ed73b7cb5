public import Foundation

/// A Swift value that can be sent as a query parameter. Parameters travel in PostgreSQL's text format, so
/// each type only says how it is spelled; `nil` means SQL NULL. Values never become part of the SQL text.
public protocol PostgresBindable {
    /// The parameter's text form, or nil for NULL.
    var postgresText: String? { get }
}

extension String: PostgresBindable {
    public var postgresText: String? { self }
}

extension Substring: PostgresBindable {
    public var postgresText: String? { String(self) }
}

extension Int: PostgresBindable {
    public var postgresText: String? { String(self) }
}

extension Int32: PostgresBindable {
    public var postgresText: String? { String(self) }
}

extension Int64: PostgresBindable {
    public var postgresText: String? { String(self) }
}

extension Double: PostgresBindable {
    /// Swift's shortest round-trip spelling; for measurements such as difficulty, never for amounts.
    public var postgresText: String? { isFinite ? String(self) : (isNaN ? "NaN" : (self > 0 ? "Infinity" : "-Infinity")) }
}

extension Bool: PostgresBindable {
    public var postgresText: String? { self ? "t" : "f" }
}

/// Bytes bind as `bytea` in hex form.
extension Array: PostgresBindable where Element == UInt8 {
    public var postgresText: String? { ByteaHex.encode(self) }
}

extension Data: PostgresBindable {
    public var postgresText: String? { ByteaHex.encode(self) }
}

/// Dates bind as ISO-8601 UTC, right for `timestamptz` whatever the session's TimeZone.
extension Date: PostgresBindable {
    public var postgresText: String? { PostgresTimestamp.format(self) }
}

extension Optional: PostgresBindable where Wrapped: PostgresBindable {
    public var postgresText: String? { self?.postgresText ?? nil }
}
