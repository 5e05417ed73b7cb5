import ChainETL
import Testing

/// The default balance thresholds per chain.
@Suite("balance threshold ladders")
struct BalanceThresholdLadderTests {
    @Test("Bitcoin: 0.001 to 10000 coins in base units, as SPEC.md lists them")
    func bitcoin() {
        #expect(BalanceThresholdLadder.defaults(for: .bitcoin).baseUnitThresholds == [
            100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000, 100_000_000_000,
            1_000_000_000_000,
        ])
    }

    @Test("every chain has an ascending ladder of at least eight exact thresholds", arguments: Chain.allCases)
    func everyChain(chain: Chain) {
        let thresholds = BalanceThresholdLadder.defaults(for: chain).baseUnitThresholds
        #expect(thresholds.count >= 8)
        #expect(thresholds == thresholds.sorted() && Set(thresholds).count == thresholds.count)
        #expect(thresholds.allSatisfy { $0 > 0 })
    }

    @Test("thresholds below one base unit or beyond Int64 are left out, not rounded")
    func outOfRange() {
        #expect(BalanceThresholdLadder(lowestExponent: -10, highestExponent: -7, coinDecimals: 8).baseUnitThresholds == [1, 10])
        #expect(BalanceThresholdLadder(lowestExponent: 10, highestExponent: 11, coinDecimals: 8).baseUnitThresholds
                == [1_000_000_000_000_000_000])
        #expect(BalanceThresholdLadder(lowestExponent: 3, highestExponent: 2, coinDecimals: 8).baseUnitThresholds.isEmpty)
    }
}
