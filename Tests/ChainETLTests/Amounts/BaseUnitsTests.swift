import ChainETL
import Foundation
import Testing

@Suite("Amounts in base units")
struct BaseUnitsTests {
    private struct Wrapped: Decodable { var value: NodeAmount }

    private func units(_ json: String, decimals: Int = 8, maximum: Int64? = nil) throws -> Int64 {
        let decoded = try JSONDecoder().decode(Wrapped.self, from: Data("{\"value\": \(json)}".utf8))
        return try BaseUnits.from(decoded.value.value, decimals: decimals, maximum: maximum)
    }

    @Test("JSON number text becomes exact satoshi", arguments: [
        ("50.00000000", Int64(5_000_000_000)),
        ("50.0", 5_000_000_000),
        ("0.1", 10_000_000),
        ("0.3", 30_000_000),
        ("1e-8", 1),
        ("0.00000001", 1),
        ("20999999.97690000", 2_099_999_997_690_000),
        ("92233720368.54775807", Int64.max),
        ("0", 0),
        ("373.25663465", 37_325_663_465),
    ])
    func exact(json: String, expected: Int64) throws {
        #expect(try units(json) == expected)
    }

    @Test("Amounts that are not exact base units are refused")
    func refused() throws {
        #expect(throws: AmountError.tooManyDecimals("0.000000001", allowed: 8)) { try units("0.000000001") }
        #expect(throws: AmountError.negative("-1")) { try units("-1") }
        #expect(throws: AmountError.outOfRange("92233720368.54775808")) { try units("92233720368.54775808") }
        #expect(throws: AmountError.outOfRange("21000000.00000001")) {
            try units("21000000.00000001", maximum: 2_100_000_000_000_000)
        }
    }

    @Test("Chains with other decimals scale by their own unit")
    func otherDecimals() throws {
        #expect(try units("1.123456789", decimals: 9) == 1_123_456_789)
        #expect(throws: AmountError.self) { try units("1.123456789", decimals: 8) }
    }

    @Test("Formatting as the node writes coins and parsing back give the same base units", arguments: [
        Int64(5_000_000_000), 1, 0, 37_325_663_465, 2_099_999_997_690_000, Int64.max,
    ])
    func roundTrip(units: Int64) throws {
        #expect(try self.units(AmountFormatting.decimalString(units)) == units)
    }
}
