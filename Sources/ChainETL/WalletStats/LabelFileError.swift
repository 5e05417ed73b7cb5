/// Why a labels CSV file was refused. The import is all or nothing, so the message names the first bad line,
/// says what is wrong with it and how many other lines have problems, and promises that nothing was imported.
public struct LabelFileError: ChainETLError, Equatable {
    /// What is wrong with a line.
    public enum Problem: Error, Sendable, Equatable {
        /// The line does not have exactly the three columns address, label, category.
        case fieldCount(found: Int)
        /// A field's bytes are not UTF-8 (for example a Latin-1 "é").
        case invalidUTF8(field: LabelFileField)
        /// A field holds a tab, a carriage return inside the line or another control character.
        case controlCharacter(field: LabelFileField)
        /// A field opened with `"` never closes on this line.
        case unterminatedQuote(field: LabelFileField)
        /// Text follows the closing quote of a field before the next comma.
        case textAfterClosingQuote(field: LabelFileField)
        /// A required field is empty.
        case empty(field: LabelFileField)
        /// The address contains a space.
        case addressContainsSpace
        /// A field is longer than the limit, in characters.
        case tooLong(field: LabelFileField, limit: Int)
        /// The address already appeared on an earlier line.
        case duplicateAddress(String, firstLine: Int)
        /// The file has no label rows at all.
        case noRows
    }

    /// The file as the user named it.
    public var file: String
    /// The 1-based line of the first problem (0 for `noRows`).
    public var line: Int
    /// What is wrong there.
    public var problem: Problem
    /// How many other lines have problems too.
    public var otherProblemLines: Int

    /// The error for `problem` on `line` of `file`.
    public init(file: String, line: Int, problem: Problem, otherProblemLines: Int = 0) {
        self.file = file
        self.line = line
        self.problem = problem
        self.otherProblemLines = otherProblemLines
    }

    /// The file is the user's input: fixing it, not retrying, helps.
    public var exitStatus: ExitStatus { .usage }

    public var description: String {
        let place = problem == .noRows ? "labels file \(file)" : "labels file \(file), line \(line)"
        var text = "\(place): \(problemText)"
        if otherProblemLines > 0 {
            text += " (and \(otherProblemLines) more line\(otherProblemLines == 1 ? "" : "s") with problems)"
        }
        return text + "; nothing was imported: fix the file and import it again"
    }

    private var problemText: String {
        switch problem {
        case .fieldCount(let found):
            return "expected 3 columns (address,label,category), found \(found); quote a field that contains a comma"
        case .invalidUTF8(let field):
            return "the \(field.rawValue) is not valid UTF-8; save the file as UTF-8"
        case .controlCharacter(let field):
            return "the \(field.rawValue) contains a control character (tab, line break or similar)"
        case .unterminatedQuote(let field):
            return "the quoted \(field.rawValue) has no closing quote on this line"
        case .textAfterClosingQuote(let field):
            return "text follows the closing quote of the \(field.rawValue); write a quote inside a quoted field as \"\""
        case .empty(let field):
            return "the \(field.rawValue) is empty"
        case .addressContainsSpace:
            return "the address contains a space"
        case .tooLong(let field, let limit):
            return "the \(field.rawValue) is longer than \(limit) characters"
        case .duplicateAddress(let address, let firstLine):
            return "address \(address) already appears on line \(firstLine); list each address once"
        case .noRows:
            return "no label rows (expected lines of address,label,category)"
        }
    }
}

/// The columns of a labels file, in order.
/// Named in messages, so the user knows which column of the line to fix.
public enum LabelFileField: String, Sendable, CaseIterable {
    case address
    case label
    case category
}
