import ChainETL
import Foundation
import Logging
import TestSupport
import Testing

/// `wallet-stats labels import`: all or nothing, merge or replace, unknown addresses kept, label holdings at once.
@Suite("wallet-stats labels import", .temporaryDatabase)
struct LabelImportTests {
    private func writeFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("labels-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func importFile(_ path: String, replacing: Bool = false) throws -> LabelImportJob.Summary {
        let configuration = try TestConfiguration.make(database: TestDatabase.current, nodeURL: "http://127.0.0.1:1")
        return try LabelImportJob.run(configuration: configuration, path: path, replacing: replacing,
                                      logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    private func storedLabels() throws -> [String] {
        try TestDatabase.current.connect().query(
            "SELECT address || '|' || coalesce(label, '-') || '|' || category FROM etl.address_labels ORDER BY address"
        ).map { try $0.string(0) }
    }

    @Test("labels are merged, unknown addresses kept, --replace drops the unlisted, label_holdings follows")
    func importAndReplace() throws {
        let connection = try TestDatabase.current.connect()
        var chain = try CraftedChain(connection: connection)
        try CraftedWallets.mineBase(&chain)
        try QuietWalletStats.run(database: TestDatabase.current)

        let first = try importFile(try writeFile("address,label,category\n1Bob,Bob,Exchange\n1Nobody,never seen,Exchange\n1Dave,,Mining\n"))
        #expect(first.counts == AddressLabelStore.ImportCounts(added: 3))
        #expect(try storedLabels() == ["1Bob|Bob|Exchange", "1Dave|-|Mining", "1Nobody|never seen|Exchange"])
        let holdings = try connection.query(
            "SELECT category, addresses, nonempty_addresses, balance_sum::bigint FROM stats.label_holdings ORDER BY category"
        ).map { "\(try $0.string(0)) \(try $0.int(1)) \(try $0.int(2)) \(try $0.int64(3))" }
        #expect(holdings == ["Exchange 2 1 5000000000", "Mining 1 1 5000000000"])

        let second = try importFile(try writeFile("1Bob,Bob,Exchange\n1Dave,Dave,Mining\n1Eve,Eve,Private\n"))
        #expect(second.counts == AddressLabelStore.ImportCounts(added: 1, changed: 1, unchanged: 1))
        #expect(try storedLabels().count == 4)

        let replaced = try importFile(try writeFile("1Eve,Eve,Private\n"), replacing: true)
        #expect(replaced.counts == AddressLabelStore.ImportCounts(unchanged: 1, removed: 3))
        #expect(try storedLabels() == ["1Eve|Eve|Private"])
        #expect(try connection.query("SELECT category FROM stats.label_holdings").map { try $0.string(0) } == ["Private"])
        // A run over unchanged inputs leaves the holdings as the import computed them.
        #expect(try QuietWalletStats.run(database: TestDatabase.current).distributionsChanged.isEmpty)
    }

    @Test("a malformed file imports nothing and says which line is wrong")
    func malformedFileImportsNothing() throws {
        _ = try importFile(try writeFile("1Bob,Bob,Exchange\n"))
        let path = try writeFile("1Carol,Carol,Private\n1Dave,Dave\n1Eve,Eve,Private\n")
        #expect {
            _ = try importFile(path)
        } throws: { error in
            guard let error = error as? LabelFileError else { return false }
            return error.line == 2 && error.problem == .fieldCount(found: 2) && error.description.contains(path)
        }
        #expect(try storedLabels() == ["1Bob|Bob|Exchange"])
    }

    @Test("a missing file is a usage error naming the path")
    func missingFile() throws {
        #expect {
            _ = try importFile("/nonexistent/labels.csv")
        } throws: { error in
            (error as? WalletStatsError) == .unreadableLabelFile(path: "/nonexistent/labels.csv", reason: "no such file")
        }
    }
}
