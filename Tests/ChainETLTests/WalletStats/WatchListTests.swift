import ChainETL
import TestSupport
import Testing

/// Watched wallets: the list and the view `stats.watched_transactions` derived from the analytics database.
@Suite("wallet-stats watched addresses", .temporaryDatabase)
struct WatchListTests {
    @Test("the view lists each transaction of a watched address with its net flow, newest first")
    func watchedTransactions() throws {
        let connection = try TestDatabase.current.connect()
        var chain = try CraftedChain(connection: connection)
        try CraftedWallets.mineBase(&chain)
        try QuietWalletStats.run(database: TestDatabase.current)
        let list = WatchList(connection: connection)

        #expect(try list.add(CraftedWallets.alice, owner: "Alice") == .added)
        #expect(try list.add(CraftedWallets.alice, owner: nil) == .unchanged)
        #expect(try list.add(CraftedWallets.eve, owner: nil) == .added)
        #expect(try list.add(CraftedWallets.eve, owner: "Eve") == .ownerChanged)
        #expect(try list.add("1NotYetUsed", owner: nil) == .added)
        #expect(try !list.isOnChain("1NotYetUsed"))

        let rows = try connection.query("""
            SELECT address, owner, block_height, tx_index, net_flow::bigint, balance_after::bigint,
                   extract(epoch FROM block_time)::bigint, txid
            FROM stats.watched_transactions
            """).map { "\(try $0.string(0)) \(try $0.string(1)) \(try $0.int(2)):\(try $0.int(3)) \(try $0.int64(4)) \(try $0.int64(5)) \(try $0.int64(6))" }
        let t = CraftedWallets.baseTimes
        #expect(rows == [
            "1Eve Eve 3:3 -1500010000 499990000 \(t[3])",
            "1Alice Alice 3:2 -2999990000 0 \(t[3])",
            "1Eve Eve 3:1 2000000000 2000000000 \(t[3])",
            "1Alice Alice 2:1 -2000010000 2999990000 \(t[2])",
            "1Alice Alice 1:0 5000000000 5000000000 \(t[1])",
        ])
        let txid = try connection.query(
            "SELECT txid FROM stats.watched_transactions WHERE block_height = 2 AND tx_index = 1")[0].string(0)
        #expect(txid == chain.txid(height: 2, tx: 1))

        let entries = try list.entries()
        #expect(entries.map(\.address) == [CraftedWallets.alice, CraftedWallets.eve, "1NotYetUsed"])
        #expect(entries.map(\.balance) == [0, 499_990_000, nil])
        #expect(entries.map(\.transactionCount) == [3, 2, nil])

        #expect(try list.remove(CraftedWallets.alice))
        #expect(try !list.remove(CraftedWallets.alice))
        #expect(try list.entries().map(\.address) == [CraftedWallets.eve, "1NotYetUsed"])
    }

    @Test("addresses typed on the command line are checked for shape only", arguments: [
        ("  1Alice ", "1Alice" as String?), ("", nil), ("1Al ice", nil), ("1Ali\u{7}ce", nil),
        (String(repeating: "1", count: 129), nil),
    ])
    func addressText(text: String, expected: String?) {
        #expect((try? AddressText.validated(text)) == expected)
    }
}
