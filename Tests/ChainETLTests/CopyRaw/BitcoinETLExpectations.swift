import Foundation
import TestSupport

/// bitcoin-etl's expected output for one fixture case (newline-delimited JSON), reduced to the fields the
/// `chain` tables share with it.
struct BitcoinETLExpectations {
    struct Block: Decodable {
        var hash: String
        var number: Int64
        var timestamp: Int64
        var size: Int?
        var weight: Int?
        var transaction_count: Int
    }

    struct Transaction: Decodable {
        var hash: String
        var block_number: Int64
        /// bitcoin-etl leaves it null when transactions came from `getrawtransaction`.
        var index: Int?
        var is_coinbase: Bool
        var size: Int?
        var virtual_size: Int?
        var input_count: Int
        var output_count: Int
        var input_value: Int64
        var output_value: Int64
        var fee: Int64
        var inputs: [Input]
        var outputs: [Output]
    }

    struct Input: Decodable {
        var index: Int
        var spent_transaction_hash: String
        var spent_output_index: Int
        var addresses: [String]?
        var value: Int64?
    }

    struct Output: Decodable {
        var index: Int
        var type: String
        var addresses: [String]?
        var value: Int64
    }

    var blocks: [Block]
    var transactions: [Transaction]

    init(folder: String) throws {
        blocks = try Self.lines(folder + "/expected_blocks.json")
        transactions = try Self.lines(folder + "/expected_transactions.json")
    }

    private static func lines<Row: Decodable>(_ path: String) throws -> [Row] {
        let text = String(decoding: try FixtureFiles.data(path), as: UTF8.self)
        return try text.split(whereSeparator: \.isNewline).map { line in
            try JSONDecoder().decode(Row.self, from: Data(line.utf8))
        }
    }

    /// Our address for bitcoin-etl's `addresses`: its single address, and nil where it has none, several
    /// (old nodes' bare multisig) or its own `nonstandard<hash>` pseudo-address, which the product does not
    /// invent (SPEC: such outputs belong to no address).
    static func address(_ addresses: [String]?) -> String? {
        guard let addresses, addresses.count == 1, !addresses[0].hasPrefix("nonstandard") else { return nil }
        return addresses[0]
    }
}
