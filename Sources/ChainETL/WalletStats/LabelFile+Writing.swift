import Foundation

extension LabelFile {
    /// The header line `labels list` prints first, which `parse` skips.
    public static let header = "address,label,category"

    /// One CSV line for `label` that `parse` reads back to the same label, so `labels list > file.csv` can be
    /// edited and imported again. Fields with a comma, a quote or surrounding spaces are quoted.
    public static func line(for label: AddressLabel) -> String {
        [label.address, label.label ?? "", label.category].map(quotedIfNeeded).joined(separator: ",")
    }

    private static func quotedIfNeeded(_ field: String) -> String {
        let needsQuotes = field.contains(",") || field.contains("\"") || field.hasPrefix(" ") || field.hasSuffix(" ")
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
