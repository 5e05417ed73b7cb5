public import Foundation

/// A Swift value that can be a field of a text-format COPY row, so `writer.append(value)` works for the
/// common types and their optionals (nil becomes `\N`).
public protocol CopyTextEncodable {
    /// Appends this value as one field.
    func encode(into encoder: inout CopyTextEncoder)
}

extension String: CopyTextEncodable {
    public func encode(into encoder: inout CopyTextEncoder) { encoder.append(self) }
}

extension Substring: CopyTextEncodable {
    public func encode(into encoder: inout CopyTextEncoder) { encoder.append(self) }
}

extension Int: CopyTextEncodable {
    public func encode(into encoder: inout CopyTextEncoder) { encoder.append(Int64(self)) }
}

extension Int32: CopyTextEncodable {
    public func encode(into encoder: inout CopyTextEncoder) { encoder.append(Int64(self)) }
}

extension Int64: CopyTextEncodable {
    public func encode(into encoder: inout CopyTextEncoder) { encoder.append(self) }
}

extension Bool: CopyTextEncodable {
    public func encode(into encoder: inout CopyTextEncoder) { encoder.append(self) }
}

extension Double: CopyTextEncodable {
    /// For measurements such as difficulty; amounts are integers.
    public func encode(into encoder: inout CopyTextEncoder) { encoder.append(unescaped: postgresText ?? "NaN") }
}

/// Bytes are `bytea`.
extension Array: CopyTextEncodable where Element == UInt8 {
    public func encode(into encoder: inout CopyTextEncoder) { encoder.append(bytea: self) }
}

extension Data: CopyTextEncodable {
    public func encode(into encoder: inout CopyTextEncoder) { encoder.append(bytea: self) }
}

/// Dates are ISO-8601 UTC `timestamptz` text.
extension Date: CopyTextEncodable {
    public func encode(into encoder: inout CopyTextEncoder) { encoder.append(unescaped: PostgresTimestamp.format(self)) }
}

extension Optional: CopyTextEncodable where Wrapped: CopyTextEncodable {
    public func encode(into encoder: inout CopyTextEncoder) {
        if let value = self { value.encode(into: &encoder) } else { encoder.appendNull() }
    }
}
