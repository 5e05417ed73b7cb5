public import Foundation
public import Logging

/// Formats the one line a log message becomes: `2026-11-23T12:00:00Z scrape info: message key=value`.
/// A stable, grep-friendly shape matters more than prettiness for cron logs. Pure, so the format is tested
/// without touching stderr.
public enum LogLineFormatter {
    /// Builds the line (without a newline). Metadata is sorted by key; the message and every value are masked
    /// with `SecretMasking.masked`, so a URL logged by mistake still hides its password.
    public static func line(
        timestamp: Date,
        label: String,
        level: Logger.Level,
        message: String,
        metadata: Logger.Metadata
    ) -> String {
        var line = "\(timestamp.formatted(.iso8601)) \(label) \(level.rawValue): \(SecretMasking.masked(message))"
        for key in metadata.keys.sorted() {
            line += " \(key)=\(quotedIfNeeded(SecretMasking.masked(metadata[key]!.description)))"
        }
        return line
    }

    /// Values with blanks, quotes or `=` are double-quoted so `key=value` pairs stay unambiguous.
    static func quotedIfNeeded(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "=" }) else {
            return value
        }
        let escaped = value
            .replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        return "\"\(escaped)\""
    }
}
