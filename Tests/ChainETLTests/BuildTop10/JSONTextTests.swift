@testable import ChainETL
import Foundation
import Testing

/// The hand-written JSON pieces of the export: strings escape exactly what JSON requires, numbers pass only in
/// JSON's grammar, timestamps become ISO 8601.
@Suite("build-top10: JSON text")
struct JSONTextTests {
    @Test("strings round-trip through a JSON parser, control characters and non-ASCII included")
    func stringsRoundTrip() throws {
        let samples = ["plain", "quote \" backslash \\ slash /", "tab\tnewline\ncr\r", "\u{01}\u{1F}\u{7F}", "Ünïcødé ₿ 🚀", ""]
        for sample in samples {
            var buffer: [UInt8] = Array("[".utf8)
            JSONText.appendString(sample, to: &buffer)
            buffer.append(UInt8(ascii: "]"))
            let parsed = try JSONSerialization.jsonObject(with: Data(buffer)) as? [String]
            #expect(parsed == [sample])
        }
    }

    @Test("JSON numbers accepted", arguments: ["0", "-0", "7", "-12.5", "0.000125", "1e+20", "1.5E-07", "123456789012345678901234567890"])
    func numbers(text: String) {
        #expect(JSONText.isNumber(text))
    }

    @Test("not JSON numbers: PostgreSQL's NaN and infinities, and malformed text", arguments: ["NaN", "Infinity", "-Infinity", "", "-", "01", "1.", ".5", "1e", "+1", "1 "])
    func notNumbers(text: String) {
        #expect(!JSONText.isNumber(text))
    }

    @Test("timestamps in a UTC session become ISO 8601", arguments: [
        ("2020-09-13 12:26:40+00", "2020-09-13T12:26:40Z"),
        ("2024-05-01 10:00:00.123456+00", "2024-05-01T10:00:00.123456Z"),
        ("2020-09-13 12:26:40", "2020-09-13T12:26:40"),
        ("infinity", "infinity"),
        ("0044-03-15 12:00:00+00 BC", "0044-03-15 12:00:00+00 BC"),
    ])
    func timestamps(text: String, expected: String) {
        #expect(JSONText.isoTimestamp(text) == expected)
    }
}
