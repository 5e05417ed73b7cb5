/// The `--env-file` format cron jobs use: `KEY=VALUE` lines, `#` comments, blank lines, an optional `export `
/// prefix (so the same file can be `source`d by a shell), and single or double quotes. Parsing is pure so every
/// rule is tested without a file; `Configuration.load` does the reading.
public enum EnvironmentFile {
    /// Parses the text of an env file. `path` only labels errors (`path:line: problem`).
    /// Later lines override earlier ones, as they would when the file is sourced by a shell.
    public static func parse(_ text: String, path: String) throws -> [String: String] {
        var values: [String: String] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            do {
                if let (key, value) = try parseLine(line) { values[key] = value }
            } catch let problem as LineProblem {
                throw ConfigurationError.malformedEnvironmentFile(path: path, line: index + 1, problem: problem.text)
            }
        }
        return values
    }

    /// What is wrong with one line; `parse` adds the file and line number.
    struct LineProblem: Error {
        let text: String
    }

    /// Returns nil for blank and comment lines.
    static func parseLine(_ line: Substring) throws -> (String, String)? {
        var rest = line.drop(while: \.isWhitespace)
        if rest.isEmpty || rest.first == "#" { return nil }
        if rest.hasPrefix("export "), rest.contains("=") {
            rest = rest.dropFirst("export ".count).drop(while: \.isWhitespace)
        }
        guard let equals = rest.firstIndex(of: "=") else {
            throw LineProblem(text: "expected KEY=VALUE, found no '='")
        }
        let key = String(rest[..<equals].trimmingWhitespace())
        guard isValidKey(key) else {
            throw LineProblem(text: "'\(key)' is not a variable name (letters, digits and _, not starting with a digit)")
        }
        let value = try parseValue(rest[rest.index(after: equals)...].drop(while: { $0 == " " || $0 == "\t" }))
        return (key, value)
    }

    static func isValidKey(_ key: String) -> Bool {
        guard let first = key.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
        return key.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }

    /// Unquoted values end at ` #` (a comment) and lose surrounding blanks; single quotes are literal;
    /// double quotes understand `\n`, `\t`, `\"`, `\\` and `\$`.
    static func parseValue(_ text: Substring) throws -> String {
        switch text.first {
        case "'":
            let body = text.dropFirst()
            guard let close = body.firstIndex(of: "'") else { throw LineProblem(text: "unterminated single quote") }
            try expectOnlyComment(after: body[body.index(after: close)...])
            return String(body[..<close])
        case "\"":
            return try parseDoubleQuoted(text.dropFirst())
        default:
            var value = text
            if let comment = value.indices.first(where: {
                value[$0] == "#" && $0 > value.startIndex && value[value.index(before: $0)].isWhitespace
            }) {
                value = value[..<comment]
            }
            return String(value.trimmingWhitespace())
        }
    }

    private static func parseDoubleQuoted(_ body: Substring) throws -> String {
        var result = ""
        var index = body.startIndex
        while index < body.endIndex {
            let character = body[index]
            if character == "\"" {
                try expectOnlyComment(after: body[body.index(after: index)...])
                return result
            }
            if character == "\\" {
                index = body.index(after: index)
                guard index < body.endIndex else { break }
                switch body[index] {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "\"", "\\", "$": result.append(body[index])
                default: result.append("\\"); result.append(body[index])
                }
            } else {
                result.append(character)
            }
            index = body.index(after: index)
        }
        throw LineProblem(text: "unterminated double quote")
    }

    private static func expectOnlyComment(after rest: Substring) throws {
        let trailing = rest.drop(while: \.isWhitespace)
        guard trailing.isEmpty || trailing.first == "#" else {
            throw LineProblem(text: "unexpected text after the closing quote")
        }
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        let start = drop(while: \.isWhitespace)
        var end = start.endIndex
        while end > start.startIndex, start[start.index(before: end)].isWhitespace {
            end = start.index(before: end)
        }
        return start[..<end]
    }
}
