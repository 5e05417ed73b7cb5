import ChainETL

extension SimNode {
    /// The node's own view of every address's balance: Σ value of its unspent outputs, by the address the
    /// modern dialect reports (outputs without an address are left out). Tests compare the analytics
    /// database's ledger with it; a real node has no such call, which is why it is not an RPC method.
    public func unspentValueByAddress() -> [String: Int64] {
        withState { node in
            var balances: [String: Int64] = [:]
            let parameters = node.chain.parameters
            for coin in node.chain.coins.coins.values where coin.key >= 0 {
                let script = node.chain.pool.keys[Int(coin.key)].scriptPubKey
                let classification = ScriptClassification(script: script)
                guard let address = ScriptAddress.address(of: classification, parameters: parameters) else { continue }
                balances[address, default: 0] += coin.value
            }
            return balances
        }
    }
}
