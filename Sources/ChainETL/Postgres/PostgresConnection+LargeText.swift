import CLibPQ
import Foundation

/// A `text` parameter sent in binary format straight from the string's UTF-8 storage.
///
/// The ordinary path (`execute`) makes a NUL-terminated copy of every parameter, and the server copies a
/// text-format value once more to find its end. For a ~10 MB block answer both copies cost time and peak
/// memory; binary format sends the bytes with their length, and `text`'s binary form is its UTF-8 bytes (the
/// server still checks the encoding).
public struct PostgresLargeText {
    public var text: String

    public init(_ text: String) {
        self.text = text
    }
}

/// One parameter of `execute(_:parameters:)`: an ordinary text-format value or a large text value.
public enum PostgresParameter {
    case value((any PostgresBindable)?)
    case largeText(PostgresLargeText?)
}

extension PostgresConnection {
    /// Runs a statement for its effect, sending `.largeText` parameters without copying them; returns the
    /// number of rows it inserted, updated or deleted.
    @discardableResult
    public func execute(_ sql: String, parameters: [PostgresParameter]) throws -> Int {
        var owned: [UnsafeMutablePointer<CChar>] = []
        defer { owned.forEach { free($0) } }
        var values: [UnsafePointer<CChar>?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        var large: [(index: Int, text: String)] = []
        for parameter in parameters {
            switch parameter {
            case .largeText(let value?) where !value.text.isEmpty:
                large.append((values.count, value.text))
                values.append(nil)
                lengths.append(0)
                formats.append(1)
            case .largeText(let value):
                values.append(Self.copy(value?.text, into: &owned))
                lengths.append(0)
                formats.append(0)
            case .value(let value):
                values.append(Self.copy(value?.postgresText, into: &owned))
                lengths.append(0)
                formats.append(0)
            }
        }
        let result = Self.withUTF8(of: large[...], into: &values, lengths: &lengths) { values, lengths in
            PQexecParams(handle, sql, Int32(values.count), nil, values, lengths, formats, 0)
        }
        return try checked(result, statement: sql, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK]).affectedRowCount
    }

    /// A NUL-terminated copy of `text` (nil for NULL), freed with the others in `owned`.
    private static func copy(_ text: String?, into owned: inout [UnsafeMutablePointer<CChar>]) -> UnsafePointer<CChar>? {
        guard let text, let copy = strdup(text) else { return nil }
        owned.append(copy)
        return UnsafePointer(copy)
    }

    /// Points the parameters at `large` to their strings' UTF-8 bytes (made contiguous, never copied when they
    /// already are) for the duration of `body`.
    private static func withUTF8<R>(
        of large: ArraySlice<(index: Int, text: String)>, into values: inout [UnsafePointer<CChar>?],
        lengths: inout [Int32], _ body: ([UnsafePointer<CChar>?], [Int32]) -> R
    ) -> R {
        guard var first = large.first else { return body(values, lengths) }
        first.text.makeContiguousUTF8()
        return first.text.utf8.withContiguousStorageIfAvailable { bytes in
            // Not empty (empty values take the text path), so the buffer has an address.
            values[first.index] = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
            lengths[first.index] = Int32(bytes.count)
            return withUTF8(of: large.dropFirst(), into: &values, lengths: &lengths, body)
        }!
    }
}
