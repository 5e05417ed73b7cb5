import ChainETL
import Testing

/// Which `stats` columns the export writes as amounts: every amount column SPEC.md names, and no count, height,
/// rank, share or rate.
@Suite("build-top10: export column kinds")
struct ExportColumnTests {
    @Test("the SPEC's amount columns are amounts", arguments: [
        "balance", "received", "sent", "amount", "fee", "supply", "reward", "threshold", "subsidy_sum", "fee_sum",
        "fee_mean", "fee_min", "fee_max", "reward_sum", "reward_mean", "issued_total", "amount_sum", "volume_sum",
        "volume_min", "volume_max", "volume_mean", "balance_sum", "balance_min", "balance_max", "balance_mean",
    ])
    func amounts(name: String) {
        #expect(ExportColumn(name: name, typeName: "int8").kind == .amount)
        #expect(ExportColumn(name: name, typeName: "numeric").kind == .amount)
        // A floating-point column cannot hold an exact amount, so it is written as a plain number.
        #expect(ExportColumn(name: name, typeName: "float8").kind == .number)
    }

    @Test("counts, heights, ranks, shares and rates are not", arguments: [
        "rank", "blocks", "tx_count", "input_count", "addresses", "nonempty_addresses", "new_addresses", "height",
        "first_height", "lower_height", "block_height", "tx_index", "top_n", "percentile", "share", "hashrate",
        "difficulty_mean", "size_mean", "interval_mean", "fee_count", "balance_rank",
    ])
    func notAmounts(name: String) {
        #expect(ExportColumn(name: name, typeName: "int8").kind == .integer)
        #expect(ExportColumn(name: name, typeName: "numeric").kind == .number)
    }

    @Test("other types by their catalog name")
    func otherTypes() {
        #expect(ExportColumn(name: "x", typeName: "int4").kind == .integer)
        #expect(ExportColumn(name: "x", typeName: "float4").kind == .number)
        #expect(ExportColumn(name: "x", typeName: "bool").kind == .boolean)
        #expect(ExportColumn(name: "x", typeName: "timestamptz").kind == .timestamp)
        #expect(ExportColumn(name: "x", typeName: "date").kind == .date)
        #expect(ExportColumn(name: "x", typeName: "jsonb").kind == .json)
        #expect(ExportColumn(name: "x", typeName: "text").kind == .text)
        #expect(ExportColumn(name: "x", typeName: "bytea").kind == .text)
    }

    @Test("per-address and per-block tables are left out of the export, daily and top tables are not")
    func exclusions() {
        #expect(StatsCatalog.isExcluded(name: "address_stats", primaryKey: ["address"]))
        #expect(StatsCatalog.isExcluded(name: "address_daily", primaryKey: ["address", "day"]))
        #expect(StatsCatalog.isExcluded(name: "address_notes", primaryKey: []))
        #expect(StatsCatalog.isExcluded(name: "block_transaction_totals", primaryKey: ["height", "tx_type"]))
        #expect(!StatsCatalog.isExcluded(name: "daily_addresses", primaryKey: ["day"]))
        #expect(!StatsCatalog.isExcluded(name: "daily_transactions", primaryKey: ["day", "tx_type"]))
        #expect(!StatsCatalog.isExcluded(name: "block_windows", primaryKey: ["period", "bucket"]))
        #expect(!StatsCatalog.isExcluded(name: "top_active_addresses_24h", primaryKey: ["rank"]))
        #expect(!StatsCatalog.isExcluded(name: "network_status", primaryKey: []))
    }
}
