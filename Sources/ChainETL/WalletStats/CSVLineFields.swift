/// Splits one line of a CSV file (RFC 4180 without line breaks inside fields) into its fields' raw bytes.
/// Works on bytes, not characters, so a file in the wrong encoding still splits at its commas and the caller can
/// say which field is not UTF-8. Unquoted fields are trimmed of spaces; a quoted field keeps them and reads `""`
/// as one quote.
enum CSVLineFields {
    /// Why a line does not split.
    enum Failure: Error, Equatable {
        /// The field at this index opens a quote that the line never closes.
        case unterminatedQuote(fieldIndex: Int)
        /// Something other than spaces follows the closing quote of the field at this index.
        case textAfterClosingQuote(fieldIndex: Int)
    }

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let space = UInt8(ascii: " ")

    /// The fields of `line` (without its line ending).
    static func split(_ line: ArraySlice<UInt8>) -> Result<[[UInt8]], Failure> {
        var fields: [[UInt8]] = []
        var index = line.startIndex
        while true {
            while index < line.endIndex, line[index] == space { index += 1 }
            var field: [UInt8] = []
            if index < line.endIndex, line[index] == quote {
                index += 1
                var closed = false
                while index < line.endIndex {
                    if line[index] == quote {
                        if index + 1 < line.endIndex, line[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    field.append(line[index])
                    index += 1
                }
                guard closed else { return .failure(.unterminatedQuote(fieldIndex: fields.count)) }
                while index < line.endIndex, line[index] == space { index += 1 }
                guard index == line.endIndex || line[index] == comma else {
                    return .failure(.textAfterClosingQuote(fieldIndex: fields.count))
                }
            } else {
                while index < line.endIndex, line[index] != comma {
                    field.append(line[index])
                    index += 1
                }
                while field.last == space { field.removeLast() }
            }
            fields.append(field)
            guard index < line.endIndex else { return .success(fields) }
            index += 1  // the comma
        }
    }
}
