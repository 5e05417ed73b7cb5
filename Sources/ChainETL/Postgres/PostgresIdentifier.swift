import Foundation

/// Identifiers (table, column, database names) cannot be query parameters; when one must appear in SQL it is
/// quoted so no name can change the statement.
public enum PostgresIdentifier {
    /// `name` in double quotes, with embedded quotes doubled: `my"t` becomes `"my""t"`.
    public static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
