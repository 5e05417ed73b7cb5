import Foundation

/// bitcoind's `.cookie` file: one line `__cookie__:<random password>`, rewritten at every node start.
enum CookieFile {
    /// Reads the credentials from the first line of the file at `path`.
    static func read(path: String) throws(NodeEndpointError) -> BasicCredentials {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? NodeEndpointError.Reason.cookieUnreadable : .cookieMissing
            throw NodeEndpointError(reason, subject: path)
        }
        return try parse(data, path: path)
    }

    /// Pure parsing: `user:password` on the first line, both non-empty.
    static func parse(_ data: Data, path: String) throws(NodeEndpointError) -> BasicCredentials {
        guard let text = String(data: data, encoding: .utf8) else { throw NodeEndpointError(.cookieMalformed, subject: path) }
        let line = text.prefix(while: { !$0.isNewline })  // "\r\n" is one Character and counts as a newline
        guard let colon = line.firstIndex(of: ":"), colon != line.startIndex, line.index(after: colon) != line.endIndex else {
            throw NodeEndpointError(.cookieMalformed, subject: path)
        }
        return BasicCredentials(user: String(line[..<colon]), password: String(line[line.index(after: colon)...]))
    }
}
