@testable import ChainETL
import Testing

/// When an incremental run reads the touched addresses by key instead of scanning `stats.address_stats`.
@Suite("wallet-stats key-lookup rule")
struct KeyLookupRuleTests {
    @Test("an hourly run touches few of a million addresses, most of a hundred thousand", arguments: [
        (59_555, 1_000_000.0, true), (55_507, 100_000.0, false), (99_999, 1_000_000.0, true),
        (100_000, 1_000_000.0, false), (10, -1.0, false), (0, 0.0, false),
    ])
    func rule(touched: Int, stored: Double, byKey: Bool) {
        #expect(AddressStatsUpdate.readsByKey(touched: touched, stored: stored) == byKey)
    }
}
