import ChainETL

/// What a node says about its own state over RPC, for tests that compare the analytics database with it.
public enum NodeInfo {
    private struct TxOutSetInfo: Decodable {
        var total_amount: NodeAmount
        var height: Int64
    }

    /// `gettxoutsetinfo`'s `total_amount` in base units: the node's supply.
    public static func totalAmount(nodeURL: String) throws -> Int64 {
        let endpoint = try NodeEndpoint(rpcURL: nodeURL)
        let client = JSONRPCClient(http: try HTTPClient(try endpoint.clientConfiguration()))
        let info = try client.call("gettxoutsetinfo", as: TxOutSetInfo.self)
        return try info.total_amount.baseUnits(decimals: 8, maximum: nil)
    }
}
