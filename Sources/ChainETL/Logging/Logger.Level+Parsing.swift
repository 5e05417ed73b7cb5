import Foundation
public import Logging

extension Logger.Level {
    /// Reads a level as users write it in `LOG_LEVEL` or `--log-level` (case-insensitive; `warn` accepted as
    /// the common spelling of `warning`). Returns nil for anything else so the caller can name the variable.
    public init?(parsing text: String) {
        let name = text.trimmingCharacters(in: .whitespaces).lowercased()
        self.init(rawValue: name == "warn" ? "warning" : name)
    }

    /// The accepted names, for error messages and `--help`.
    public static var validNames: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }
}
