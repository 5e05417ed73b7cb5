/// The request line and headers of an HTTP/1.x request, parsed from bytes without any I/O so the parsing
/// rules are testable on their own.
struct HTTPRequestHead: Equatable {
    var method: String
    var path: String
    var version: String
    /// Lower-cased names; a repeated header keeps its last value.
    var headers: [String: String]

    /// Why a head was rejected; becomes a 400 answer.
    struct Malformed: Error, Equatable {
        var reason: String
    }

    /// The offset just past the blank line that ends the head, or `nil` while it is incomplete.
    static func endOfHead(in buffer: [UInt8], searchingFrom start: Int = 0) -> Int? {
        var index = max(3, start)
        while index < buffer.count {
            if buffer[index] == 0x0A, buffer[index - 1] == 0x0D, buffer[index - 2] == 0x0A, buffer[index - 3] == 0x0D {
                return index + 1
            }
            index += 1
        }
        return nil
    }

    /// Parses the head (request line, headers, final blank line).
    init(parsing head: ArraySlice<UInt8>) throws(Malformed) {
        let text = String(decoding: head, as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: true).makeIterator()
        guard let requestLine = lines.next() else { throw Malformed(reason: "empty request") }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else {
            throw Malformed(reason: "bad request line")
        }
        method = String(parts[0])
        path = String(parts[1])
        version = String(parts[2])
        headers = [:]
        while let line = lines.next() {
            guard let colon = line.firstIndex(of: ":") else { throw Malformed(reason: "bad header line") }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            headers[name] = value
        }
    }

    /// Whether the connection stays open after this request (HTTP/1.1 default yes, 1.0 default no).
    var keepsAlive: Bool {
        let connection = headers["connection"]?.lowercased()
        return version == "HTTP/1.0" ? connection == "keep-alive" : connection != "close"
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
