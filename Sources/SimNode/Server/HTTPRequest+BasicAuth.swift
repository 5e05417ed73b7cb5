import Foundation

extension HTTPRequest {
    /// The user and password of an `Authorization: Basic …` header, or `nil` when absent or malformed, so
    /// handlers can check credentials the way bitcoind does.
    public var basicCredentials: (user: String, password: String)? {
        guard let header = headers["authorization"] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
              let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}
