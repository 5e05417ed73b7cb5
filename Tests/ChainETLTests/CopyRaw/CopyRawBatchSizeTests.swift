import ChainETL
import SimNode
import TestSupport
import Testing

/// How copy-raw cuts the pending blocks into commits: each window of events read starts with a batch of an
/// eighth of the commit size and doubles up to it, so the writer is not left waiting for a whole first batch to
/// be read and parsed. A batch's blocks share one `copied_at` (the transaction's start), which shows the cuts.
@Suite("copy-raw batch sizes", .temporaryDatabase)
struct CopyRawBatchSizeTests {
    /// The heights of each batch a run of `limit` transactions per commit and `eventsPerRead` events per window
    /// makes of blocks 0... with these transaction counts.
    private static func expectedBatches(counts: [Int], limit: Int, eventsPerRead: Int) -> [[Int]] {
        var batches: [[Int]] = []
        for windowStart in stride(from: 0, to: counts.count, by: eventsPerRead) {
            let window = windowStart..<min(windowStart + eventsPerRead, counts.count)
            var cap = max(1, limit / 8)
            var batch: [Int] = []
            var transactions = 0
            for height in window {
                if !batch.isEmpty, transactions + counts[height] > cap {
                    batches.append(batch)
                    batch = []
                    transactions = 0
                    cap = min(limit, cap * 2)
                }
                batch.append(height)
                transactions += counts[height]
            }
            if !batch.isEmpty { batches.append(batch) }
        }
        return batches
    }

    @Test("the first batch of each window is an eighth of the commit size and each next one doubles, up to it")
    func rampsUpPerWindow() throws {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 5, initialBlocks: 150, transactionsPerBlock: 10))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url)
        try QuietCopyRaw.run(database: database) {
            $0.transactionsPerCommit = 160
            $0.eventsPerRead = 90
        }

        let rows = try database.connect().query("SELECT height, tx_count, copied_at::text FROM chain.blocks ORDER BY height")
        #expect(rows.count == 151)
        var counts: [Int] = []
        var actual: [[Int]] = []
        var lastCopiedAt: String?
        for row in rows {
            let height = try row.int(0)
            #expect(height == counts.count)
            counts.append(try row.int(1))
            let copiedAt = try row.string(2)
            if copiedAt == lastCopiedAt { actual[actual.count - 1].append(height) } else { actual.append([height]) }
            lastCopiedAt = copiedAt
        }
        let expected = Self.expectedBatches(counts: counts, limit: 160, eventsPerRead: 90)
        #expect(actual == expected)
        // The ramp shows in transactions: each window opens with at most 20, and later batches reach the full size.
        let transactions = actual.map { $0.reduce(0) { $0 + counts[$1] } }
        let windowOpenings = actual.indices.filter { actual[$0][0] % 90 == 0 }
        #expect(windowOpenings.count == 2)
        for opening in windowOpenings { #expect(transactions[opening] <= 20) }
        #expect(transactions.contains { $0 > 80 })
    }
}
