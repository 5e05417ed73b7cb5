import ChainETL

/// Genesis blocks. Bitcoin, its testnet and Bitcoin Cash get their real genesis (so `getblockhash 0`
/// matches `ChainParameters.genesisBlockHash` as on a real node); other chains get a synthetic one built
/// the same way. As on mainnet, the genesis coinbase output is never added to the UTXO set.
enum GenesisBlock {
    private static let satoshiPublicKey = Hex.decode(
        "04678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5f")!

    static func block(for parameters: ChainParameters, fallbackTime: UInt32) -> Block {
        switch parameters.chain {
        case .bitcoin, .bitcoinCash:
            return make(message: "The Times 03/Jan/2009 Chancellor on brink of second bailout for banks",
                        time: 1_231_006_505, nonce: 2_083_236_893, reward: 50 * 100_000_000)
        case .bitcoinTestnet:
            return make(message: "The Times 03/Jan/2009 Chancellor on brink of second bailout for banks",
                        time: 1_296_688_602, nonce: 414_098_458, reward: 50 * 100_000_000)
        default:
            return make(message: "simnode genesis for \(parameters.chain.rawValue)", time: fallbackTime,
                        nonce: 0, reward: parameters.initialSubsidy)
        }
    }

    private static func make(message: String, time: UInt32, nonce: UInt32, reward: Int64) -> Block {
        var scriptSig: [UInt8] = [0x04, 0xff, 0xff, 0x00, 0x1d, 0x01, 0x04]  // 486604799, CScriptNum(4)
        Opcode.appendPush(Array(message.utf8), to: &scriptSig)
        let coinbase = Transaction(
            version: 1,
            inputs: [TransactionInput(previousOutput: .null, scriptSig: scriptSig)],
            outputs: [TransactionOutput(value: reward, scriptPubKey: [65] + satoshiPublicKey + [Opcode.checkSig])])
        let header = BlockHeader(version: 1, previousBlockHash: .zero, merkleRoot: coinbase.txid, time: time,
                                 bits: 0x1d00_ffff, nonce: nonce)
        return Block(header: header, transactions: [coinbase])
    }
}
