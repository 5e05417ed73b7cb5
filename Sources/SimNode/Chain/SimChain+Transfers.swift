import ChainETL

/// A generated transfer and what the chain must remember about it.
struct GeneratedTransfer {
    var transaction: Transaction
    var spent: [Coin]
    /// Pool key per output (-1 for OP_RETURN).
    var keys: [Int32]
    var fee: Int64
}

extension SimChain {
    /// Smallest non-OP_RETURN output simnode creates, about the dust limit.
    static let dustLimit: Int64 = 600

    /// Builds one transfer spending random mature coins; nil when no coin is spendable.
    mutating func makeTransfer(height: Int) -> GeneratedTransfer? {
        let inputCount = drawInputCount()
        var inputs: [TransactionInput] = []
        var spent: [Coin] = []
        inputs.reserveCapacity(inputCount)
        spent.reserveCapacity(inputCount)
        var total: Int64 = 0
        let sequence: UInt32 = random.chance(0.4) ? 0xffff_fffd : random.chance(0.3) ? 0xffff_fffe : 0xffff_ffff
        for _ in 0..<inputCount {
            guard let (outpoint, coin) = coins.takeRandom(&random) else { break }
            let unlocking = FakeUnlocking.unlock(pool.keys[Int(coin.key)], random: &random)
            inputs.append(TransactionInput(previousOutput: outpoint, scriptSig: unlocking.scriptSig, sequence: sequence,
                                           witness: unlocking.witness))
            spent.append(coin)
            total += coin.value
        }
        guard !inputs.isEmpty else { return nil }

        var recipientCount = drawOutputCount()
        let feeRate = Int64(random.int(in: 1...60))
        let estimatedSize = Int64(60 + 90 * inputs.count + 34 * recipientCount)
        let fee = max(1, min(feeRate * estimatedSize, total - Self.dustLimit))
        var available = total - fee
        if available < Self.dustLimit * Int64(recipientCount) { recipientCount = 1 }

        var outputs: [TransactionOutput] = []
        var keys: [Int32] = []
        outputs.reserveCapacity(recipientCount + 1)
        keys.reserveCapacity(recipientCount + 1)
        let changeKey = spent[0].key
        if recipientCount == 1 {
            let key = random.chance(0.3) ? Int(changeKey) : pool.randomRecipient(&random)
            outputs.append(TransactionOutput(value: available, scriptPubKey: pool.keys[key].scriptPubKey))
            keys.append(Int32(key))
        } else {
            let payments = recipientCount - 1
            for _ in 0..<payments {
                let share = Double(available) * (0.02 + random.unit() * 0.9 / Double(payments))
                var amount = max(Self.dustLimit, Int64(share))
                if amount > 100_000, random.chance(0.7) { amount -= amount % 1_000 }
                amount = min(amount, available - Self.dustLimit)
                guard amount >= Self.dustLimit else { break }
                let key = pool.randomRecipient(&random)
                outputs.append(TransactionOutput(value: amount, scriptPubKey: pool.keys[key].scriptPubKey))
                keys.append(Int32(key))
                available -= amount
            }
            // Change goes back to the first input's address, at a random position as wallets do.
            let position = random.int(in: 0...outputs.count)
            outputs.insert(TransactionOutput(value: available, scriptPubKey: pool.keys[Int(changeKey)].scriptPubKey), at: position)
            keys.insert(changeKey, at: position)
        }
        if random.chance(0.03) {
            var script: [UInt8] = [Opcode.return]
            Opcode.appendPush(random.bytes(random.int(in: 8...40)), to: &script)
            var burned: Int64 = 0
            if random.chance(0.05), let largest = outputs.indices.max(by: { outputs[$0].value < outputs[$1].value }),
               outputs[largest].value > 10 * Self.dustLimit {
                burned = Self.dustLimit
                outputs[largest].value -= burned
            }
            outputs.append(TransactionOutput(value: burned, scriptPubKey: script))
            keys.append(-1)
        }
        let version: Int32 = random.chance(0.85) ? 2 : 1
        let lockTime: UInt32 = sequence != 0xffff_ffff && random.chance(0.5) ? UInt32(height - 1) : 0
        return GeneratedTransfer(
            transaction: Transaction(version: version, inputs: inputs, outputs: outputs, lockTime: lockTime),
            spent: spent, keys: keys, fee: fee)
    }

    /// Mean about 2: most transfers spend one coin, consolidations up to 8.
    private mutating func drawInputCount() -> Int {
        let roll = random.below(100)
        return roll < 50 ? 1 : roll < 75 ? 2 : roll < 90 ? 3 : random.int(in: 4...8)
    }

    /// Mean about 2.4: payment plus change mostly, sweeps, and occasional batch payouts.
    private mutating func drawOutputCount() -> Int {
        let roll = random.below(100)
        return roll < 20 ? 1 : roll < 80 ? 2 : roll < 95 ? 3 : random.int(in: 5...20)
    }
}
