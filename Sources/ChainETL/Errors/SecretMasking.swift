import Foundation

/// Passwords must never reach a log line or an error message, yet users need to see *which* server or node
/// failed. These helpers keep the location and replace only the secret.
public enum SecretMasking {
    /// The replacement shown where a password was.
    public static let mask = "********"

    /// Masks the password of a URL (`scheme://user:secret@host/...` becomes `scheme://user:********@host/...`)
    /// and of libpq keyword strings (`password=secret` or `password='se cret'`). Text without a secret is
    /// returned unchanged.
    public static func masked(_ text: String) -> String {
        maskKeywordPasswords(in: maskURLPasswords(in: text))
    }

    private static func maskURLPasswords(in text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let schemeRange = rest.range(of: "://") {
            result += rest[..<schemeRange.upperBound]
            rest = rest[schemeRange.upperBound...]
            // The authority ends at the first '/', '?', '#' or whitespace; user info ends at its last '@'.
            let authorityEnd = rest.firstIndex(where: { "/?# \t\n".contains($0) }) ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                result += authority[...colon] + mask + authority[at...]
            } else {
                result += authority
            }
            rest = rest[authorityEnd...]
        }
        return result + rest
    }

    private static func maskKeywordPasswords(in text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let keyRange = rest.range(of: "password") {
            result += rest[..<keyRange.upperBound]
            rest = rest[keyRange.upperBound...]
            // Only `password = value` counts; "password" inside other words or prose is left alone.
            let afterSpaces = rest.drop(while: { $0 == " " })
            guard afterSpaces.first == "=" else { continue }
            let valueStart = afterSpaces.dropFirst().drop(while: { $0 == " " })
            result += rest[..<valueStart.startIndex]
            if valueStart.first == "'" {
                var index = valueStart.index(after: valueStart.startIndex)
                while index < valueStart.endIndex, valueStart[index] != "'" {
                    if valueStart[index] == "\\" { index = valueStart.index(after: index) }
                    if index < valueStart.endIndex { index = valueStart.index(after: index) }
                }
                let end = index < valueStart.endIndex ? valueStart.index(after: index) : index
                result += "'" + mask + "'"
                rest = valueStart[end...]
            } else {
                let end = valueStart.firstIndex(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) ?? valueStart.endIndex
                result += valueStart.isEmpty ? "" : mask
                rest = valueStart[end...]
            }
        }
        return result + rest
    }
}
