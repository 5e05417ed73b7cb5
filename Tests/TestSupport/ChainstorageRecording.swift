public import ChainETL
import Foundation

/// A mainnet block recorded by coinbase/chainstorage (`Tests/Fixtures/coinbase+chainstorage`): the
/// `getblock <hash> 2` answer of a Core 0.21 node, in the old format (`addresses` arrays, no `fee`, no
/// `prevout`), with the outputs its inputs spend.
///
/// The answer is exactly what scrape lands as format 2; `txidBody` and `transactionsText` are the same block
/// as an old node without verbosity 2 makes scrape land it (format 1: `getblock true` plus the
/// `getrawtransaction` answers), so both read paths meet the same real data.
public struct ChainstorageRecording {
    /// The output one input spends, as recorded (`input_transactions_block<height>.json`).
    public struct SpentOutputRecord: Sendable {
        /// The input: transaction position in the block and input position in the transaction.
        public var transactionIndex: Int
        public var inputIndex: Int
        public var reference: OutputReference
        public var output: SpentOutput
        /// The node's script type of the spent output.
        public var scriptType: String
    }

    public let height: Int64
    /// The `getblock <hash> 2` result, as landed with format 2.
    public let body: String
    /// Per input of the block, in block order, the output it spends.
    public let spentOutputRecords: [SpentOutputRecord]

    /// Reads the recording of block `height` (0, 91880 or 200000).
    public init(height: Int64) throws {
        self.height = height
        body = String(decoding: try FixtureFiles.data("coinbase+chainstorage/getblock_v2_block\(height).json"), as: UTF8.self)
        let perTransaction = try JSONDecoder().decode(
            [[RecordedInputTransaction]].self,
            from: try FixtureFiles.data("coinbase+chainstorage/input_transactions_block\(height).json"))
        var records: [SpentOutputRecord] = []
        for (transactionIndex, inputs) in perTransaction.enumerated() {
            for (inputIndex, spent) in inputs.enumerated() {
                guard spent.vout.count == 1, let output = spent.vout.first else {
                    throw RecordingError("block \(height) tx \(transactionIndex) input \(inputIndex): expected one recorded output")
                }
                records.append(SpentOutputRecord(
                    transactionIndex: transactionIndex, inputIndex: inputIndex,
                    reference: OutputReference(txid: spent.txid, n: output.n),
                    output: SpentOutput(
                        address: output.scriptPubKey.reportedAddress,
                        value: try output.value.baseUnits(decimals: 8, maximum: nil)),
                    scriptType: output.scriptPubKey.type))
            }
        }
        spentOutputRecords = records
    }

    /// The recorded spent outputs by reference, for `BlockRows.resolvingInputs(using:)`.
    public var spentOutputs: [OutputReference: SpentOutput] {
        Dictionary(spentOutputRecords.map { ($0.reference, $0.output) }, uniquingKeysWith: { first, _ in first })
    }

    /// The block as `getblock <hash> true` would answer: `tx` lists txids only.
    public var txidBody: String {
        get throws {
            let txids = try transactionTexts.map { text in
                guard let txid = JSONTextEditing.value(ofMember: "txid", in: text) else {
                    throw RecordingError("block \(height): a transaction without txid")
                }
                return txid
            }
            guard let body = JSONTextEditing.replacingValue(ofMember: "tx", in: body, with: "[" + txids.joined(separator: ",") + "]") else {
                throw RecordingError("block \(height): no tx member")
            }
            return body
        }
    }

    /// The `getrawtransaction <txid> 1` answers for the block's transactions, in block order, as one JSON array
    /// (`raw.blocks.transactions` of format 1).
    public var transactionsText: String {
        get throws { "[" + (try transactionTexts).joined(separator: ",") + "]" }
    }

    /// The block read the way copy-raw reads a landed block of `format` (2, or 1 built from this recording).
    public func verboseBlock(format: LandedBlock.Format) throws -> VerboseNodeBlock {
        switch format {
        case .txidsWithTransactions:
            return try LandedBlockText.verboseBlock(
                format: format, body: txidBody, transactions: transactionsText, height: height, hash: nil)
        case .verbosity2, .verbosity3:
            return try LandedBlockText.verboseBlock(format: format, body: body, transactions: nil, height: height, hash: nil)
        }
    }

    private var transactionTexts: [String] {
        get throws {
            guard let texts = JSONTextEditing.elements(ofMember: "tx", in: body) else {
                throw RecordingError("block \(height): no tx array")
            }
            return texts
        }
    }

    private struct RecordedInputTransaction: Decodable {
        var txid: String
        var vout: [NodeOutput]
    }

    /// A recording that does not have the expected shape.
    private struct RecordingError: Error, CustomStringConvertible {
        let description: String

        init(_ description: String) {
            self.description = description
        }
    }
}
