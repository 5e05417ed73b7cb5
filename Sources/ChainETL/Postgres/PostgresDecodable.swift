public import Foundation

/// A Swift type a result column can be read as. Columns arrive in text format; each type parses its own
/// spelling and returns nil when the text is not a valid value (the row then throws a decoding error naming
/// the column). `Optional` reads SQL NULL as nil; every other type treats NULL as an error.
public protocol PostgresDecodable {
    /// Parses the column text (never NULL: the row checks `PQgetisnull` first).
    init?(postgresText text: UnsafeBufferPointer<UInt8>)
    /// The value SQL NULL stands for, or nil when this type cannot hold NULL.
    static var postgresNull: Self? { get }
}

extension PostgresDecodable {
    public static var postgresNull: Self? { nil }
}

extension String: PostgresDecodable {
    public init?(postgresText text: UnsafeBufferPointer<UInt8>) {
        self = String(decoding: text, as: UTF8.self)
    }
}

extension Int64: PostgresDecodable {
    /// Parses the digits directly; integer columns are read in bulk, so this avoids a String per value.
    public init?(postgresText text: UnsafeBufferPointer<UInt8>) {
        guard !text.isEmpty else { return nil }
        let negative = text[0] == UInt8(ascii: "-")
        var index = negative || text[0] == UInt8(ascii: "+") ? 1 : 0
        guard index < text.count else { return nil }
        var value: Int64 = 0
        while index < text.count {
            let digit = text[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            // Accumulate negatively so Int64.min parses too.
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = shifted.subtractingReportingOverflow(Int64(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = next
            index += 1
        }
        if negative {
            self = value
        } else {
            guard value != .min else { return nil }
            self = -value
        }
    }
}

extension Int: PostgresDecodable {
    public init?(postgresText text: UnsafeBufferPointer<UInt8>) {
        guard let value = Int64(postgresText: text) else { return nil }
        self = Int(value)
    }
}

extension Int32: PostgresDecodable {
    public init?(postgresText text: UnsafeBufferPointer<UInt8>) {
        guard let value = Int64(postgresText: text), let narrow = Int32(exactly: value) else { return nil }
        self = narrow
    }
}

extension Double: PostgresDecodable {
    public init?(postgresText text: UnsafeBufferPointer<UInt8>) {
        self.init(String(decoding: text, as: UTF8.self))
    }
}

extension Bool: PostgresDecodable {
    public init?(postgresText text: UnsafeBufferPointer<UInt8>) {
        guard text.count == 1 else { return nil }
        switch text[0] {
        case UInt8(ascii: "t"): self = true
        case UInt8(ascii: "f"): self = false
        default: return nil
        }
    }
}

/// `bytea` columns (hex output).
extension Array: PostgresDecodable where Element == UInt8 {
    public init?(postgresText text: UnsafeBufferPointer<UInt8>) {
        guard let bytes = ByteaHex.decode(text) else { return nil }
        self = bytes
    }
}

/// `timestamptz`, `timestamp` (as UTC) and `date` (midnight UTC) columns.
extension Date: PostgresDecodable {
    public init?(postgresText text: UnsafeBufferPointer<UInt8>) {
        guard let date = PostgresTimestamp.parse(text) else { return nil }
        self = date
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init?(postgresText text: UnsafeBufferPointer<UInt8>) {
        guard let value = Wrapped(postgresText: text) else { return nil }
        self = .some(value)
    }

    public static var postgresNull: Self? { .some(.none) }
}
