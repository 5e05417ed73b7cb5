import ChainETL
import Foundation

/// Block and transaction generation: a coinbase with the BIP34 height, transfers that spend random mature
/// coins with a fee, change back to the spender, a mainnet-like mix of output types, witness commitment,
/// timestamps about 600 s apart that sometimes go backwards (never below median time past).
extension SimChain {
    mutating func generateBlock(on parent: StoredBlock) -> StoredBlock {
        let height = parent.height + 1
        coins.matureCoinbases(forBlockAt: height)
        var transactions: [Transaction] = [Transaction(version: 2, inputs: [], outputs: [])]  // coinbase placeholder
        var digests: [TransactionDigest] = [TransactionDigest(txid: .zero, wtxid: .zero, size: 0, strippedSize: 0)]
        var spent: [[Coin]] = [[]]
        var fees: [Int64] = [0]
        var outputKeys: [[Int32]] = [[]]
        let transferTarget = max(0, configuration.transactionsPerBlock - 1)
        transactions.reserveCapacity(transferTarget + 1)
        for _ in 0..<transferTarget {
            guard let transfer = makeTransfer(height: height) else { break }
            let digest = transfer.transaction.digest(scratch: &scratch)
            for (n, output) in transfer.transaction.outputs.enumerated() where transfer.keys[n] >= 0 {
                coins.add(OutPoint(txid: digest.txid, index: UInt32(n)),
                          Coin(value: output.value, key: transfer.keys[n], height: Int32(height), isCoinbase: false))
            }
            transactions.append(transfer.transaction)
            digests.append(digest)
            spent.append(transfer.spent)
            fees.append(transfer.fee)
            outputKeys.append(transfer.keys)
        }
        let totalFees = fees.reduce(0, +)
        let witnessCommitment: Hash256? = transactions.dropFirst().contains(where: \.hasWitness)
            ? MerkleTree.witnessCommitment(wtxids: digests.map(\.wtxid)) : nil
        let coinbase = makeCoinbase(height: height, reward: parameters.subsidy(atHeight: height, halvingInterval: configuration.halvingInterval) + totalFees,
                                    witnessCommitment: witnessCommitment)
        transactions[0] = coinbase.transaction
        digests[0] = coinbase.transaction.digest(scratch: &scratch)
        outputKeys[0] = coinbase.keys
        let header = BlockHeader(
            version: blockVersion(), previousBlockHash: parent.hash,
            merkleRoot: MerkleTree.root(of: digests.map(\.txid)), time: nextTime(after: parent),
            bits: nextBits(after: parent, height: height), nonce: UInt32(truncatingIfNeeded: random.next()))
        let stored = store(Block(header: header, transactions: transactions), height: height, spentCoins: spent,
                           fees: fees, outputKeys: outputKeys, digests: digests)
        addOutputs(of: stored, transactionIndex: 0)
        return stored
    }

    private mutating func blockVersion() -> Int32 {
        random.chance(0.3) ? Int32(0x2000_0000 | (UInt32(truncatingIfNeeded: random.next()) & 0x1fff_e000)) : 0x2000_0000
    }

    private mutating func nextTime(after parent: StoredBlock) -> UInt32 {
        let parentTime = parent.height == 0 ? configuration.firstBlockTime &- 600 : parent.block.header.time
        var time: Int64
        if parent.height > 0, random.chance(0.04) {
            time = Int64(parentTime) - Int64(random.int(in: 1...900))  // miners' clocks disagree
        } else {
            let interval = -600.0 * log(1.0 - random.unit() * 0.995)  // exponential, mean ≈ 600 s
            time = Int64(parentTime) + Int64(max(1, min(interval, 7200)))
        }
        return UInt32(max(time, Int64(parent.medianTimePast) + 1))
    }

    private mutating func nextBits(after parent: StoredBlock, height: Int) -> UInt32 {
        guard parent.height > 0 else { return Self.initialBits }
        guard height % Self.retargetInterval == 0 else { return parent.block.header.bits }
        let bits = parent.block.header.bits
        let factor = 0.92 + random.unit() * 0.12  // difficulty rises slowly on average
        var mantissa = Double(bits & 0x007f_ffff) * factor
        var exponent = bits >> 24
        if mantissa >= Double(0x7f_ffff) { mantissa /= 256; exponent += 1 }
        if mantissa < Double(0x8000) { mantissa *= 256; exponent -= 1 }
        return exponent << 24 | UInt32(mantissa)
    }

    private mutating func makeCoinbase(height: Int, reward: Int64, witnessCommitment: Hash256?) -> (transaction: Transaction, keys: [Int32]) {
        var scriptSig: [UInt8] = []
        if height <= 16 {
            scriptSig.append(Opcode.smallInteger(height))
        } else {
            var number: [UInt8] = []
            var rest = height
            while rest > 0 { number.append(UInt8(rest & 0xff)); rest >>= 8 }
            if number[number.count - 1] & 0x80 != 0 { number.append(0) }
            Opcode.appendPush(number, to: &scriptSig)
        }
        var extraNonce: [UInt8] = (0..<4).map { UInt8(truncatingIfNeeded: branch >> (8 * UInt32($0))) }
        random.fill(&extraNonce, count: 8)
        Opcode.appendPush(extraNonce, to: &scriptSig)
        Opcode.appendPush(Array("/simnode/".utf8), to: &scriptSig)
        let weights = [30, 20, 15, 10, 10, 6, 5, 4]
        func pickMiner(_ random: inout SimRandom) -> Int {
            var pick = random.below(100)
            for (index, weight) in weights.enumerated() {
                if pick < weight { return pool.miners[index] }
                pick -= weight
            }
            return pool.miners[0]
        }
        var outputs: [TransactionOutput] = []
        var keys: [Int32] = []
        let first = pickMiner(&random)
        if random.chance(0.2), reward > 2 {
            var second = pickMiner(&random)
            if second == first { second = pool.miners[(pool.miners.firstIndex(of: first)! + 1) % pool.miners.count] }
            let share = reward / 100 * Int64(random.int(in: 1...20))
            outputs.append(TransactionOutput(value: reward - share, scriptPubKey: pool.keys[first].scriptPubKey))
            outputs.append(TransactionOutput(value: share, scriptPubKey: pool.keys[second].scriptPubKey))
            keys = [Int32(first), Int32(second)]
        } else {
            outputs.append(TransactionOutput(value: reward, scriptPubKey: pool.keys[first].scriptPubKey))
            keys = [Int32(first)]
        }
        var witness: [[UInt8]] = []
        if let witnessCommitment {
            outputs.append(TransactionOutput(value: 0, scriptPubKey: [Opcode.return, 0x24, 0xaa, 0x21, 0xa9, 0xed] + witnessCommitment.bytes))
            keys.append(-1)
            witness = [[UInt8](repeating: 0, count: 32)]
        }
        let input = TransactionInput(previousOutput: .null, scriptSig: scriptSig, sequence: 0xffff_ffff, witness: witness)
        return (Transaction(version: 2, inputs: [input], outputs: outputs, lockTime: 0), keys)
    }
}
