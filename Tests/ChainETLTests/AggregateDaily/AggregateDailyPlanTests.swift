import ChainETL
import Testing

/// What a run recomputes, decided before it writes: the hourly run touches the days and buckets of the changes
/// since its cursor plus the tip's day and the day before; a shrinking chain clamps everything to what is left.
@Suite("aggregate-daily: planning")
struct AggregateDailyPlanTests {
    private func day(_ text: String) -> UTCDay { UTCDay(parsing: text)! }

    private var extent: ChainExtent {
        ChainExtent(heights: 0...2_020, days: day("2024-01-01")...day("2024-01-15"), tipDay: day("2024-01-15"),
                    lastSequence: 2_100)
    }

    @Test("new blocks on the tip: their heights and days, the tip's day and the day before, their all bucket")
    func newBlocks() {
        let changes = PendingChanges(count: 6, heights: 2_015...2_020, days: day("2024-01-15")...day("2024-01-15"))
        let plan = AggregationPlan.forChanges(changes, cursor: 2_094, extent: extent, lastStoredDay: nil)
        #expect(plan.blockHeights == 2_015...2_020)
        #expect(plan.days == day("2024-01-14")...day("2024-01-15"))
        #expect(plan.allBuckets == 1...2)
        #expect(plan.recomputesMovingWindows)
        #expect(plan.cursorTarget == 2_100)
    }

    @Test("days without blocks since the last stored day are recomputed too; a stored day at or after them adds none",
          arguments: [("2024-01-10", "2024-01-11"), ("2024-01-13", "2024-01-14"), ("2024-01-15", "2024-01-14"), (nil, "2024-01-14")])
    func emptyDaysSinceTheLastRun(lastStored: String?, firstRecomputed: String) {
        let changes = PendingChanges(count: 2, heights: 2_019...2_020, days: day("2024-01-15")...day("2024-01-15"))
        let plan = AggregationPlan.forChanges(
            changes, cursor: 2_098, extent: extent, lastStoredDay: lastStored.map(day))
        #expect(plan.days == day(firstRecomputed)...day("2024-01-15"))
        #expect(plan.blockHeights == 2_019...2_020)
    }

    @Test("no changes: still the tip's day and the day before, the cursor stays")
    func noChanges() {
        let plan = AggregationPlan.forChanges(.none, cursor: 2_100, extent: extent, lastStoredDay: nil)
        #expect(plan.blockHeights == nil)
        #expect(plan.days == day("2024-01-14")...day("2024-01-15"))
        #expect(plan.allBuckets == nil)
        #expect(plan.cursorTarget == nil)
    }

    @Test("a reorg that shortened the chain: heights and buckets above the tip are left to the deletion")
    func shrinkingReorg() {
        let changes = PendingChanges(count: 9, heights: 2_012...2_030, days: day("2024-01-15")...day("2024-01-16"))
        let plan = AggregationPlan.forChanges(changes, cursor: 2_091, extent: extent, lastStoredDay: nil)
        #expect(plan.blockHeights == 2_012...2_020)
        #expect(plan.days == day("2024-01-14")...day("2024-01-15"))
        #expect(plan.allBuckets == 1...2)
    }

    @Test("a block left on a day before the chain's first day is clamped away")
    func tipDayBeforeChainStart() {
        let short = ChainExtent(heights: 0...3, days: day("2024-01-01")...day("2024-01-01"),
                                tipDay: day("2024-01-01"), lastSequence: 4)
        let plan = AggregationPlan.forChanges(
            PendingChanges(count: 4, heights: 0...3, days: day("2024-01-01")...day("2024-01-01")), cursor: 0, extent: short,
            lastStoredDay: nil)
        #expect(plan.days == day("2024-01-01")...day("2024-01-01"))
        #expect(plan.allBuckets == 0...0)
    }

    @Test("a change log that ends below the cursor was rebuilt: recompute everything")
    func logReset() {
        let plan = AggregationPlan.forChanges(.none, cursor: 5_000, extent: extent, lastStoredDay: nil)
        #expect(plan.restartsAfterLogReset)
        #expect(plan.blockHeights == 0...2_020)
        #expect(plan.days == extent.days)
        #expect(plan.allBuckets == 0...2)
        #expect(plan.cursorTarget == 2_100)
    }

    @Test("--full: everything, cursor to the end of the log")
    func full() {
        let plan = AggregationPlan.full(extent: extent)
        #expect(plan.blockHeights == 0...2_020 && plan.days == extent.days && plan.allBuckets == 0...2)
        #expect(plan.recomputesMovingWindows && plan.cursorTarget == 2_100)
    }

    @Test("an empty chain: nothing to recompute, everything to delete")
    func emptyChain() {
        let empty = ChainExtent(heights: nil, days: nil, tipDay: nil, lastSequence: 12)
        let plan = AggregationPlan.forChanges(
            PendingChanges(count: 12, heights: 0...5, days: day("2024-01-01")...day("2024-01-01")), cursor: 0, extent: empty,
            lastStoredDay: nil)
        #expect(plan.blockHeights == nil && plan.days == nil && plan.allBuckets == nil)
        #expect(!plan.recomputesMovingWindows)
        #expect(plan.cursorTarget == 12)
    }

    @Test("--from/--to: the days asked for within the chain, their blocks and buckets, the cursor untouched")
    func dayRange() {
        let plan = AggregationPlan.forDays(
            from: day("2023-12-20"), to: day("2024-01-03"), heightsOfDays: 0...430, extent: extent)
        #expect(plan.days == day("2024-01-01")...day("2024-01-03"))
        #expect(plan.blockHeights == 0...430)
        #expect(plan.allBuckets == 0...0)
        #expect(!plan.recomputesMovingWindows)
        #expect(plan.cursorTarget == nil)
        let openEnded = AggregationPlan.forDays(from: day("2024-01-10"), to: nil, heightsOfDays: nil, extent: extent)
        #expect(openEnded.days == day("2024-01-10")...day("2024-01-15"))
        let outside = AggregationPlan.forDays(from: day("2025-01-01"), to: nil, heightsOfDays: nil, extent: extent)
        #expect(outside.days == nil && outside.blockHeights == nil)
    }
}
