/// Renders a transaction decoded from raw block bytes in the shape old nodes give for
/// `getrawtransaction <txid> 1` (scriptPubKey with `addresses`, no `fee`).
///
/// Needed for one transaction only: the genesis coinbase, which no node serves through `getrawtransaction`,
/// so a node that cannot send full blocks (`getblock <hash> true` only) would otherwise never let the landing
/// zone start at height 0.
public enum RawTransactionAnswer {
    /// The JSON text of the verbose answer for `transaction` on a chain with `parameters`.
    public static func render(_ transaction: Transaction, parameters: ChainParameters) -> [UInt8] {
        let digest = transaction.digest
        var json: [UInt8] = []
        func text(_ string: String) { json.append(contentsOf: string.utf8) }
        func quoted(_ string: String) { text("\"" + string + "\"") }
        text(#"{"txid":"#); quoted(digest.txid.displayHex)
        text(#","hash":"#); quoted(digest.wtxid.displayHex)
        text(#","version":\#(transaction.version),"size":\#(digest.size),"vsize":\#(digest.virtualSize)"#)
        text(#","weight":\#(digest.weight),"locktime":\#(transaction.lockTime),"vin":["#)
        for (index, input) in transaction.inputs.enumerated() {
            if index > 0 { text(",") }
            if input.previousOutput.isNull {
                text(#"{"coinbase":"#); quoted(Hex.encode(input.scriptSig))
            } else {
                text(#"{"txid":"#); quoted(input.previousOutput.txid.displayHex)
                text(#","vout":\#(input.previousOutput.index),"scriptSig":{"hex":"#); quoted(Hex.encode(input.scriptSig))
                text("}")
            }
            text(#","sequence":\#(input.sequence)}"#)
        }
        text(#"],"vout":["#)
        for (index, output) in transaction.outputs.enumerated() {
            if index > 0 { text(",") }
            let classification = ScriptClassification(script: output.scriptPubKey)
            text(#"{"value":"#); text(AmountFormatting.decimalString(output.value, decimals: parameters.coinDecimals))
            text(#","n":\#(index),"scriptPubKey":{"hex":"#); quoted(Hex.encode(output.scriptPubKey))
            text(#","type":"#); quoted(classification.type.rawValue)
            let addresses = ScriptAddress.legacyAddresses(of: classification, parameters: parameters)
            if !addresses.isEmpty {
                text(#","addresses":["#); text(addresses.map { "\"" + $0 + "\"" }.joined(separator: ",")); text("]")
            }
            text("}}")
        }
        text("]}")
        return json
    }
}
