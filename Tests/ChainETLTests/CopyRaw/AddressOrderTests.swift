@testable import ChainETL
import Testing
import TestSupport

/// The order copy-raw sends ledger rows in: one address's rows together and in their order, addresses by their
/// bytes, including those that share the 16 bytes compared as integers or are a prefix of one another.
@Suite("AddressOrder: the ledger sorted by address")
struct AddressOrderTests {
    private static func movement(_ address: String, _ transactionIndex: Int) -> AddressMovement {
        AddressMovement(blockHeight: 1, transactionIndex: transactionIndex, address: address, received: 1, sent: 0)
    }

    /// The order meant: the address's bytes, then the row's place.
    private static func reference(_ movements: [AddressMovement]) -> [AddressMovement] {
        movements.enumerated().sorted { left, right in
            if left.element.address != right.element.address {
                return left.element.address.utf8.lexicographicallyPrecedes(right.element.address.utf8)
            }
            return left.offset < right.offset
        }.map(\.element)
    }

    @Test("addresses sharing their first 16 bytes, shorter than 16, a prefix of another or padded with zero bytes sort by their bytes")
    func sharedPrefixes() {
        let addresses = [
            "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wla",
            "bc1qxy2kgdygjrsq", "bc1qxy2kgdygjrs", "bc1qxy2kgdygjrsqA", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "1",
            "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", "", "bc1qxy2kgdygjrsp", "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkf",
            "ab", "ab\0", "ab\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", "ab", "ab\0",
        ]
        let movements = addresses.enumerated().map { Self.movement($1, $0) }
        #expect(AddressOrder.sorted(movements) == Self.reference(movements))
        #expect(AddressOrder.sorted(movements).first?.address == "")
    }

    @Test("thousands of rows over a few hundred addresses with long shared prefixes: the order meant")
    func manyRows() {
        var generator = SeededGenerator(seed: 11)
        let prefixes = ["bc1q", "bc1qqqqqqqqqqqqqqq", "1", "3J98t1WpEZ73CNmQvie", "bc1qqqqqqqqqqqqq"]
        let addresses = (0..<300).map { _ in
            prefixes.randomElement(using: &generator)! + String((0..<Int.random(in: 0...30, using: &generator)).map { _ in
                "qpzry9x8".randomElement(using: &generator)!
            })
        }
        let movements = (0..<5_000).map { Self.movement(addresses.randomElement(using: &generator)!, $0) }
        let sorted = AddressOrder.sorted(movements)
        #expect(sorted == Self.reference(movements))
        #expect(sorted.count == movements.count)
    }
}
