import ChainETL
import Foundation
import Logging
import Testing

@Suite("Log line format")
struct LogLineFormatterTests {
    /// 2026-11-23T12:00:00Z
    let noon = Date(timeIntervalSince1970: 1_795_435_200)

    @Test("timestamp in UTC ISO-8601, label, level, message, sorted metadata")
    func format() {
        let line = LogLineFormatter.line(
            timestamp: noon, label: "scrape", level: .info, message: "stored block",
            metadata: ["height": "1234", "hash": "00ab"])
        #expect(line == "2026-11-23T12:00:00Z scrape info: stored block hash=00ab height=1234")
    }

    @Test("values with blanks, quotes or '=' are quoted")
    func quoting() {
        let line = LogLineFormatter.line(
            timestamp: noon, label: "scrape", level: .warning, message: "retrying",
            metadata: ["reason": "connection reset", "sql": "a=\"b\"", "empty": ""])
        #expect(line.hasSuffix(#"retrying empty="" reason="connection reset" sql="a=\"b\"""#))
    }

    @Test("passwords in metadata and message are masked")
    func masking() {
        let line = LogLineFormatter.line(
            timestamp: noon, label: "copy-raw", level: .error, message: "cannot reach postgres://etl:pw1@db/x",
            metadata: ["node": "http://rpc:pw2@127.0.0.1:8332", "conninfo": "host=db password=pw3"])
        for secret in ["pw1", "pw2", "pw3"] { #expect(!line.contains(secret)) }
        #expect(line.contains("node=http://rpc:\(SecretMasking.mask)@127.0.0.1:8332"))
        #expect(line.contains("postgres://etl:\(SecretMasking.mask)@db/x"))
    }

    @Test("the handler writes one masked line per message, honouring its level")
    func handlerWritesThroughStream() {
        let collected = CollectedOutput()
        let stream = StandardErrorStream(write: { collected.append($0) })
        let noon = self.noon
        var logger = Logger(label: "scrape") { label in
            StandardErrorLogHandler(label: label, logLevel: .info, stream: stream, now: { noon })
        }
        logger[metadataKey: "chain"] = "bitcoin"
        logger.debug("hidden")
        logger.info("connected", metadata: ["node": "http://u:secret@h:1"])
        #expect(collected.text == "2026-11-23T12:00:00Z scrape info: connected chain=bitcoin node=http://u:\(SecretMasking.mask)@h:1\n")
    }

    @Test("a log line first erases a drawn progress line")
    func logErasesProgressLine() {
        let collected = CollectedOutput()
        let stream = StandardErrorStream(write: { collected.append($0) })
        stream.drawStatusLine("height 1/2")
        stream.writeLine("log")
        stream.clearStatusLine()
        #expect(collected.text == "\r\u{1B}[2Kheight 1/2\r\u{1B}[2Klog\n")
    }

    @Test("LOG_LEVEL names parse case-insensitively, 'warn' included")
    func levelParsing() {
        #expect(Logger.Level(parsing: "DEBUG") == .debug)
        #expect(Logger.Level(parsing: " warn ") == .warning)
        #expect(Logger.Level(parsing: "verbose") == nil)
    }
}

/// Collects written text across the handler's concurrency boundary.
final class CollectedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [String] = []

    func append(_ text: String) { lock.withLock { parts.append(text) } }
    var text: String { lock.withLock { parts.joined() } }
}
