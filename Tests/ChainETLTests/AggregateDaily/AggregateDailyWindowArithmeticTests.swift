import ChainETL
import Testing

/// SPEC.md, "block windows": week = the last 1008 blocks in buckets of 6 from the window's first block, month =
/// the last 4320 in buckets of 144, all = every block in buckets of 1008 from height 0; the last may be partial.
@Suite("aggregate-daily: block window arithmetic")
struct AggregateDailyWindowArithmeticTests {
    @Test("week on a chain of 2,021 blocks: the last 1008, bucket 0 starts at the window's first block")
    func weekWindow() {
        let period = BlockWindowPeriod.week
        let window = period.window(chain: 0...2_020)
        #expect(window == 1_013...2_020)
        let origin = period.origin(window: window)
        #expect(origin == 1_013)
        #expect(period.heights(ofBucket: 0, origin: origin) == 1_013...1_018)
        #expect(period.bucket(ofHeight: 1_018, origin: origin) == 0)
        #expect(period.bucket(ofHeight: 1_019, origin: origin) == 1)
        #expect(period.buckets(covering: window, origin: origin) == 0...167)
        #expect(period.heights(ofBucket: 167, origin: origin) == 2_015...2_020)
    }

    @Test("fewer blocks than a window: all of them, the last bucket partial")
    func shortChain() {
        #expect(BlockWindowPeriod.week.window(chain: 0...19) == 0...19)
        #expect(BlockWindowPeriod.week.buckets(covering: 0...19, origin: 0) == 0...3)
        #expect(BlockWindowPeriod.month.window(chain: 0...2_020) == 0...2_020)
        #expect(BlockWindowPeriod.month.buckets(covering: 0...2_020, origin: 0) == 0...14)
        #expect(BlockWindowPeriod.month.heights(ofBucket: 14, origin: 0) == 2_016...2_159)
        // A chain copied from a later height starts its windows at its lowest block.
        #expect(BlockWindowPeriod.week.window(chain: 500...600) == 500...600)
    }

    @Test("all: buckets of 1008 counted from height 0 whatever the lowest block")
    func allBuckets() {
        let period = BlockWindowPeriod.all
        #expect(period.window(chain: 700...2_020) == 700...2_020)
        #expect(period.origin(window: 700...2_020) == 0)
        #expect(period.bucket(ofHeight: 1_007, origin: 0) == 0)
        #expect(period.bucket(ofHeight: 1_008, origin: 0) == 1)
        #expect(period.buckets(covering: 1_000...2_020, origin: 0) == 0...2)
        #expect(period.heights(ofBucket: 2, origin: 0) == 2_016...3_023)
    }

    @Test("month: the last 4320 blocks once the chain is longer")
    func monthWindow() {
        let window = BlockWindowPeriod.month.window(chain: 0...10_000)
        #expect(window == 5_681...10_000)
        #expect(window.count == 4_320)
        #expect(BlockWindowPeriod.month.buckets(covering: window, origin: window.lowerBound) == 0...29)
    }

    @Test("the SQL's transaction type names are SPEC.md's")
    func transactionTypes() {
        #expect(TransactionType.allCases.map(\.rawValue) == ["coinbase", "transfer"])
    }
}

/// The parts of a table a run deletes after the chain got shorter: what lies outside the chain's span.
@Suite("aggregate-daily: what lies outside the chain")
struct AggregateDailyRangeDifferenceTests {
    @Test("below, above, both, none, and everything when nothing is kept")
    func parts() {
        #expect(RangeDifference.parts(of: Int64(0)...100, outside: 0...100) == [])
        #expect(RangeDifference.parts(of: Int64(0)...105, outside: 0...100) == [101...105])
        #expect(RangeDifference.parts(of: Int64(0)...100, outside: 10...100) == [0...9])
        #expect(RangeDifference.parts(of: Int64(0)...100, outside: 10...90) == [0...9, 91...100])
        #expect(RangeDifference.parts(of: Int64(0)...5, outside: 10...90) == [0...5])
        #expect(RangeDifference.parts(of: Int64(95)...99, outside: 10...90) == [95...99])
        #expect(RangeDifference.parts(of: Int64(0)...100, outside: nil) == [0...100])
        #expect(RangeDifference.parts(of: nil, outside: Int64(0)...100) == [])
        let first = UTCDay(parsing: "2024-01-01")!, last = UTCDay(parsing: "2024-01-31")!
        #expect(RangeDifference.parts(of: first...last, outside: first...last.advanced(by: -2))
                == [last.advanced(by: -1)...last])
    }
}
