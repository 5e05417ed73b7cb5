import ChainETL
import Foundation
import TestSupport

/// One bitcoin-etl fixture case turned into rows the way copy-raw reads a landed block: verbosity-2 files as
/// stored bodies, `getblock true` files with their `getrawtransaction` answers as format 1.
struct RecordedCase {
    var folder: String
    var rows: [BlockRows]
    var expected: BitcoinETLExpectations

    init(_ folder: String, chain: Chain = .bitcoin) throws {
        self.folder = folder
        let files = try FixtureFiles.files(in: folder, prefix: "rpc_response_getblock_")
        var rows: [BlockRows] = []
        for file in files where !file.lastPathComponent.hasSuffix("_None.json") {
            let body = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            let amounts = AmountRules(parameters: chain.parameters)
            if file.lastPathComponent.hasSuffix("_True.json") {
                let header = try JSONDecoder().decode(TxidNodeBlock.self, from: Data(body.utf8))
                let answers = try header.tx.map { txid in
                    String(decoding: try FixtureFiles.data("\(folder)/rpc_response_getrawtransaction_\(txid).json"), as: UTF8.self)
                }
                let block = try LandedBlockText.verboseBlock(
                    format: .txidsWithTransactions, body: body, transactions: "[" + answers.joined(separator: ",") + "]",
                    height: header.height, hash: header.hash)
                rows.append(try BlockRows(block: block, amounts: amounts))
            } else {
                let block = try LandedBlockText.verboseBlock(
                    format: .verbosity2, body: body, transactions: nil, height: 0, hash: nil)
                rows.append(try BlockRows(block: block, amounts: amounts))
            }
        }
        self.rows = rows.sorted { $0.block.height < $1.block.height }
        expected = try BitcoinETLExpectations(folder: folder)
    }

    /// The outputs of the recorded `getrawtransaction` answers in the folder: the spent outputs bitcoin-etl
    /// looked up to enrich inputs.
    func recordedSpentOutputs(chain: Chain = .bitcoin) throws -> [OutputReference: SpentOutput] {
        var outputs: [OutputReference: SpentOutput] = [:]
        for file in try FixtureFiles.files(in: folder, prefix: "rpc_response_getrawtransaction_") {
            let transaction = try JSONDecoder().decode(NodeTransaction.self, from: try Data(contentsOf: file))
            for output in transaction.vout {
                outputs[OutputReference(txid: transaction.txid, n: output.n)] = SpentOutput(
                    address: output.scriptPubKey.reportedAddress,
                    value: try output.value.baseUnits(decimals: chain.parameters.coinDecimals, maximum: nil))
            }
        }
        return outputs
    }
}
