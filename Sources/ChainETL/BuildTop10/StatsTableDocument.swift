/// One `stats` table as the JSON file a static web server hands to front ends:
///
/// ```
/// {"table":"stats.top_richest","chain":"bitcoin","decimals":8,"height":1300,"exported_at":"2024-05-01T10:00:00.123456Z",
/// "columns":["rank","address","balance","share","label"],"rows":[
/// {"rank":1,"address":"1Alice…","balance":"5000000000","balance_coins":"50.00000000","share":"25.00000000","label":null}
/// ]}
/// ```
///
/// Keys follow the table's column order; every amount column is followed by `<name>_coins`. One row per line
/// keeps the files readable and diffable. Rendering is pure, so the format is tested without a database.
public struct StatsTableDocument: Sendable, Equatable {
    /// The table's name without the schema (`top_richest`); the file is `<name>.json`.
    public var name: String
    /// The chain the amounts belong to (`CHAIN`).
    public var chain: Chain
    /// The tip height the export saw; nil while `chain.blocks` is empty.
    public var height: Int64?
    /// When the export's snapshot was taken, as PostgreSQL printed `now()` in UTC.
    public var exportedAt: String
    /// The columns in table order.
    public var columns: [ExportColumn]
    /// The values, one array per row in `columns` order, as PostgreSQL's text (nil for NULL).
    public var rows: [[String?]]

    /// A document; `rows` must have `columns.count` values each.
    public init(name: String, chain: Chain, height: Int64?, exportedAt: String, columns: [ExportColumn],
                rows: [[String?]]) {
        self.name = name
        self.chain = chain
        self.height = height
        self.exportedAt = exportedAt
        self.columns = columns
        self.rows = rows
    }

    /// The file name this document is published under.
    public var fileName: String { name + ".json" }

    /// The file's bytes (UTF-8, ending in a newline).
    public func rendered() -> [UInt8] {
        let decimals = chain.parameters.coinDecimals
        var out: [UInt8] = []
        JSONText.appendRaw(#"{"table":"#, to: &out)
        JSONText.appendString("stats." + name, to: &out)
        JSONText.appendRaw(#","chain":"#, to: &out)
        JSONText.appendString(chain.rawValue, to: &out)
        JSONText.appendRaw(#","decimals":\#(decimals),"height":"#, to: &out)
        JSONText.appendRaw(height.map { String($0) } ?? "null", to: &out)
        JSONText.appendRaw(#","exported_at":"#, to: &out)
        JSONText.appendString(JSONText.isoTimestamp(exportedAt), to: &out)
        JSONText.appendRaw(#","columns":["#, to: &out)
        for (index, column) in columns.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendString(column.name, to: &out)
        }
        JSONText.appendRaw(#"],"rows":["#, to: &out)
        for (index, row) in rows.enumerated() {
            JSONText.appendRaw(index == 0 ? "\n" : ",\n", to: &out)
            appendRow(row, decimals: decimals, to: &out)
        }
        JSONText.appendRaw(rows.isEmpty ? "]}\n" : "\n]}\n", to: &out)
        return out
    }

    private func appendRow(_ row: [String?], decimals: Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (index, column) in columns.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            let value = index < row.count ? row[index] : nil
            JSONText.appendString(column.name, to: &out)
            out.append(UInt8(ascii: ":"))
            appendValue(value, of: column.kind, to: &out)
            if column.kind == .amount {
                JSONText.appendRaw(",", to: &out)
                JSONText.appendString(column.name + "_coins", to: &out)
                out.append(UInt8(ascii: ":"))
                appendOptionalString(value.flatMap { CoinAmountText.coins(baseUnits: $0, decimals: decimals) }, to: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    private func appendValue(_ value: String?, of kind: ExportColumn.Kind, to out: inout [UInt8]) {
        guard let value else { return JSONText.appendRaw("null", to: &out) }
        switch kind {
        case .integer, .number:
            JSONText.appendRaw(JSONText.isNumber(value) ? value : "null", to: &out)
        case .amount:
            appendOptionalString(CoinAmountText.baseUnits(value), to: &out)
        case .boolean:
            JSONText.appendRaw(value == "t" || value == "true" ? "true" : "false", to: &out)
        case .timestamp:
            JSONText.appendString(JSONText.isoTimestamp(value), to: &out)
        case .json:
            JSONText.appendRaw(value, to: &out)
        case .date, .text:
            JSONText.appendString(value, to: &out)
        }
    }

    private func appendOptionalString(_ value: String?, to out: inout [UInt8]) {
        if let value { JSONText.appendString(value, to: &out) } else { JSONText.appendRaw("null", to: &out) }
    }
}
