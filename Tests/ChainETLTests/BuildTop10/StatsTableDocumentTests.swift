import ChainETL
import Foundation
import Testing

/// The exact bytes of an export file: header, column list, one row per line, amounts as strings with their coin
/// value, NULLs as null.
@Suite("build-top10: JSON export document")
struct StatsTableDocumentTests {
    private let columns = [
        ExportColumn(name: "rank", kind: .integer), ExportColumn(name: "address", kind: .text),
        ExportColumn(name: "balance", kind: .amount), ExportColumn(name: "share", kind: .number),
        ExportColumn(name: "label", kind: .text),
    ]

    @Test("a top_richest file, byte for byte")
    func renderedBytes() {
        let document = StatsTableDocument(
            name: "top_richest", chain: .bitcoin, height: 1_300, exportedAt: "2024-05-01 10:00:00.5+00",
            columns: columns, rows: [
                ["1", "1Carol", "7500000000", "37.70739065", nil],
                ["2", "bc1q\"x", "5", "NaN", "Tab\there"],
            ])
        let expected = #"""
            {"table":"stats.top_richest","chain":"bitcoin","decimals":8,"height":1300,"exported_at":"2024-05-01T10:00:00.5Z","columns":["rank","address","balance","share","label"],"rows":[
            {"rank":1,"address":"1Carol","balance":"7500000000","balance_coins":"75.00000000","share":37.70739065,"label":null},
            {"rank":2,"address":"bc1q\"x","balance":"5","balance_coins":"0.00000005","share":null,"label":"Tab\there"}
            ]}

            """#
        #expect(String(decoding: document.rendered(), as: UTF8.self) == expected)
        #expect(document.fileName == "top_richest.json")
    }

    @Test("an empty table and an empty chain still give a valid file")
    func emptyTable() throws {
        let document = StatsTableDocument(
            name: "top_miners", chain: .litecoin, height: nil, exportedAt: "2024-05-01 10:00:00+00", columns: columns,
            rows: [])
        let object = try #require(JSONSerialization.jsonObject(with: Data(document.rendered())) as? [String: Any])
        #expect(object["table"] as? String == "stats.top_miners")
        #expect(object["chain"] as? String == "litecoin")
        #expect(object["height"] is NSNull)
        #expect((object["rows"] as? [Any])?.isEmpty == true)
    }

    @Test("every kind of value parses back to what PostgreSQL printed")
    func everyKind() throws {
        let kinds: [ExportColumn] = [
            ExportColumn(name: "n", kind: .integer), ExportColumn(name: "fee_mean", kind: .amount),
            ExportColumn(name: "rate", kind: .number), ExportColumn(name: "flag", kind: .boolean),
            ExportColumn(name: "at", kind: .timestamp), ExportColumn(name: "day", kind: .date),
            ExportColumn(name: "doc", kind: .json), ExportColumn(name: "note", kind: .text),
        ]
        let document = StatsTableDocument(
            name: "kinds", chain: .bitcoin, height: 5, exportedAt: "2024-05-01 10:00:00+00", columns: kinds,
            rows: [["-42", "1234.5000", "1.5e-07", "t", "2020-09-13 12:26:40+00", "2020-09-13", #"{"a": [1, 2]}"#, "ß"],
                   [nil, nil, "Infinity", "f", nil, nil, nil, nil]])
        let object = try #require(JSONSerialization.jsonObject(with: Data(document.rendered())) as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows[0]["n"] as? Int == -42)
        #expect(rows[0]["fee_mean"] as? String == "1234.5")
        #expect(rows[0]["fee_mean_coins"] as? String == "0.000012345")
        #expect(rows[0]["rate"] as? Double == 1.5e-07)
        #expect(rows[0]["flag"] as? Bool == true)
        #expect(rows[0]["at"] as? String == "2020-09-13T12:26:40Z")
        #expect(rows[0]["day"] as? String == "2020-09-13")
        #expect((rows[0]["doc"] as? [String: Any])?["a"] as? [Int] == [1, 2])
        #expect(rows[0]["note"] as? String == "ß")
        #expect(rows[1]["n"] is NSNull && rows[1]["fee_mean"] is NSNull && rows[1]["fee_mean_coins"] is NSNull)
        #expect(rows[1]["rate"] is NSNull)
        #expect(rows[1]["flag"] as? Bool == false)
        #expect(object["columns"] as? [String] == kinds.map(\.name))
    }
}
