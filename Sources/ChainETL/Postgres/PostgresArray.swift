/// A one-dimensional array parameter in PostgreSQL's text form (`{1,2,3}`, `{"a","b"}`), so a whole batch of
/// values travels as one parameter and SQL can `unnest` it: one statement instead of a loop of them.
public struct PostgresArray: PostgresBindable {
    private let elements: [String?]

    /// An array of integers (for `bigint[]`).
    public init(_ values: [Int64]) {
        elements = values.map { String($0) }
    }

    /// An array of text values (for `text[]`); nil elements are NULL.
    public init(_ values: [String?]) {
        elements = values
    }

    /// An array of text values (for `text[]`).
    public init(_ values: [String]) {
        elements = values
    }

    public var postgresText: String? {
        var text = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { text += "," }
            guard let element else {
                text += "NULL"
                continue
            }
            // Quote every element: it makes NULL-looking words, commas, braces and spaces safe.
            text += "\""
            for character in element.unicodeScalars {
                if character == "\"" || character == "\\" { text += "\\" }
                text.unicodeScalars.append(character)
            }
            text += "\""
        }
        return text + "}"
    }
}
