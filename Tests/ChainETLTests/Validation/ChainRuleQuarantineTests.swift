import ChainETL
import Testing
import TestSupport

/// The rules that need the chain (`spent_output_known`, `outputs_within_inputs`, `coinbase_within_reward`),
/// checked in SQL while the batch is written, end to end like `BlockRuleQuarantineTests`: the culprit is
/// always the refused block itself, never the block before it in the same batch.
@Suite("copy-raw quarantines a block that breaks a rule of the chain", .temporaryDatabase)
struct ChainRuleQuarantineTests {
    @Test("spent_output_known: an input whose spent output is nowhere (fixed by a re-scrape)")
    func unresolvableInput() throws {
        var scenario = try QuarantineScenario(database: TestDatabase.current)
        let good = scenario.goodBlock()
        let coin = scenario.takeCoin()
        let fixed = scenario.block(
            "bad", on: good, transfers: [QuarantineScenario.transfer("bad", spending: [coin])], format: .verbosity2)
        var bad = fixed
        let nowhere = OutputReference(txid: CraftedLandedBlock.fakeHash("nowhere"), n: 3)
        bad.transactions[1].inputs[0].spent = nowhere
        try scenario.expectQuarantine(
            good: good, bad: bad, rule: .spentOutputKnown,
            reasonMentions: ["input 0 of transaction \(bad.transactions[1].txid)", "\(nowhere.txid):3", "does not hold"],
            remedy: .replace(fixed))
        // Resolved in SQL from our own outputs: address and value of the coin.
        let input = try #require(try scenario.connection.query(
            "SELECT address, value FROM chain.inputs WHERE block_height = $1", [bad.height]).first)
        #expect((input.isNull(0) ? nil : try input.string(0)) == coin.output.address)
        #expect(try input.int64(1) == coin.output.value)
    }

    @Test("spent_output_known: the node's prevout disagrees with our output",
          arguments: ["value", "address", "no address"])
    func disagreeingPrevout(field: String) throws {
        var scenario = try QuarantineScenario(database: TestDatabase.current)
        let good = scenario.goodBlock()
        var coin = scenario.takeCoin()
        switch field {
        case "value": coin.output.value += 1
        case "address": coin.output.address = CraftedLandedBlock.address("someone else")
        // Only a P2PK or bare multisig output may lose its address between node versions; this one pays to a
        // key hash.
        default: coin.output.address = nil
        }
        let bad = scenario.block("bad", on: good, transfers: [QuarantineScenario.transfer("bad", spending: [coin])])
        try scenario.expectQuarantine(
            good: good, bad: bad, rule: .spentOutputKnown,
            reasonMentions: ["input 0 of transaction \(bad.transactions[1].txid)", "the node's prevout says"],
            remedy: .switchOff(.spentOutputKnown))
        // With the rule off, the node's word is stored.
        let input = try #require(try scenario.connection.query(
            "SELECT address, value FROM chain.inputs WHERE block_height = $1", [bad.height]).first)
        #expect((input.isNull(0) ? nil : try input.string(0)) == coin.output.address)
        #expect(try input.int64(1) == coin.output.value)
    }

    /// Where the output a bad block spends again was spent first.
    enum DoubleSpend: String, CaseIterable, CustomTestStringConvertible {
        case inAnEarlierRun = "spent by a block copied in an earlier run"
        case inTheSameBatch = "spent by the good block of the same batch"
        case inTheSameBlock = "spent twice within the bad block"
        var testDescription: String { rawValue }
    }

    @Test("spent_output_known: a double spend (fixed by a re-scrape)", arguments: DoubleSpend.allCases)
    func doubleSpend(_ kind: DoubleSpend) throws {
        var scenario = try QuarantineScenario(database: TestDatabase.current)
        let goodCoin = scenario.takeCoin()
        let good = scenario.block("good", transfers: [QuarantineScenario.transfer("good", spending: [goodCoin])])
        let fresh = scenario.takeCoin()
        let fixed = scenario.block("bad", on: good, transfers: [
            QuarantineScenario.transfer("bad", spending: [fresh]),
            QuarantineScenario.transfer("bad 2", spending: [scenario.takeCoin()]),
        ])
        let (again, firstHeight): (QuarantineScenario.Coin, Int64) = switch kind {
        case .inAnEarlierRun: (scenario.spentCoin, scenario.firstBlock.height)
        case .inTheSameBatch: (goodCoin, good.height)
        case .inTheSameBlock: (fresh, fixed.height)
        }
        let bad = scenario.block("bad", on: good, transfers: [
            QuarantineScenario.transfer("bad", spending: [fresh]),
            QuarantineScenario.transfer("bad 2", spending: [again]),
        ])
        // The culprit is the later spender, never the block that spent the output first.
        try scenario.expectQuarantine(
            good: good, bad: bad, rule: .spentOutputKnown,
            reasonMentions: [
                "input 0 of transaction \(bad.transactions[2].txid)", "\(again.reference.txid):\(again.reference.n)",
                "already spent at height \(firstHeight)",
            ],
            remedy: .replace(fixed))
    }

    @Test("with spent_output_known switched off, an unresolvable input or a double spend is still refused",
          arguments: ["unresolvable", "double spend"])
    func refusedWhateverTheRules(kind: String) throws {
        var scenario = try QuarantineScenario(database: TestDatabase.current)
        try scenario.set(.spentOutputKnown, enabled: false)
        var bad = scenario.block(
            "bad", transfers: [QuarantineScenario.transfer("bad", spending: [scenario.takeCoin()])], format: .verbosity2)
        bad.transactions[1].inputs[0].spent = kind == "unresolvable"
            ? OutputReference(txid: CraftedLandedBlock.fakeHash("nowhere"), n: 0) : scenario.spentCoin.reference
        try bad.land(on: scenario.connection)
        // Never a silent zero, never a coin counted twice.
        let failure = try #require(throws: BlockValidationFailure.self) { try QuietCopyRaw.run(database: scenario.database) }
        #expect(failure.rule == .spentOutputKnown)
        #expect(failure.hash == bad.hash)
        #expect(try scenario.rowsFrom(height: bad.height) == 0)
    }

    @Test("outputs_within_inputs: a transfer paying more than it spends", arguments: [LandedBlock.Format.verbosity2, .verbosity3])
    func outputsWithinInputs(format: LandedBlock.Format) throws {
        var scenario = try QuarantineScenario(database: TestDatabase.current)
        let good = scenario.goodBlock()
        let coin = scenario.takeCoin()
        let bad = scenario.block(
            "bad", on: good, transfers: [QuarantineScenario.transfer("bad", spending: [coin], fee: 0, overpay: 1)],
            format: format)
        try scenario.expectQuarantine(
            good: good, bad: bad, rule: .outputsWithinInputs,
            reasonMentions: ["transaction 1 (\(bad.transactions[1].txid)) pays \(coin.output.value + 1) base units from inputs of \(coin.output.value)"],
            remedy: .switchOff(.outputsWithinInputs))
        #expect(try scenario.connection.query(
            "SELECT fee FROM chain.transactions WHERE block_height = $1 AND tx_index = 1", [bad.height]).first?.int64(0) == -1)
    }

    @Test("two refused blocks in one batch: the earlier is quarantined even when the later one's rule fails first")
    func twoRefusedBlocksInOneBatch() throws {
        var scenario = try QuarantineScenario(database: TestDatabase.current)
        let good = scenario.goodBlock()
        // All in verbosity 2, so every rule runs in SQL: inputs are resolved for the whole batch (the third block's
        // fails) before fees are checked (the second block's fails).
        let overpaying = scenario.block(
            "overpaying", on: good,
            transfers: [QuarantineScenario.transfer("overpaying", spending: [scenario.takeCoin()], fee: 0, overpay: 1)],
            format: .verbosity2)
        var unresolvable = scenario.block(
            "unresolvable", on: overpaying,
            transfers: [QuarantineScenario.transfer("unresolvable", spending: [scenario.takeCoin()])], format: .verbosity2)
        unresolvable.transactions[1].inputs[0].spent = OutputReference(txid: CraftedLandedBlock.fakeHash("nowhere"), n: 0)
        for block in [good, overpaying, unresolvable] { try block.land(on: scenario.connection) }

        let failure = try #require(throws: BlockValidationFailure.self) { try QuietCopyRaw.run(database: scenario.database) }
        #expect(failure.rule == .outputsWithinInputs)
        #expect(failure.hash == overpaying.hash)
        #expect(try scenario.quarantine().map { [$0.hash, $0.rule] } == [[overpaying.hash, "outputs_within_inputs"]])
        #expect(try scenario.chainTip()?.hash == good.hash)
        #expect(try scenario.rowsFrom(height: overpaying.height) == 0)
        // Rerun: the same refusal, still one entry.
        #expect(try #require(throws: BlockValidationFailure.self) { try QuietCopyRaw.run(database: scenario.database) } == failure)
        #expect(try scenario.quarantine().count == 1)

        // Once the first is let through, the second is refused under its own rule.
        try scenario.set(.outputsWithinInputs, enabled: false)
        let second = try #require(throws: BlockValidationFailure.self) { try QuietCopyRaw.run(database: scenario.database) }
        #expect(second.rule == .spentOutputKnown)
        #expect(second.hash == unresolvable.hash)
        #expect(try scenario.chainTip()?.hash == overpaying.hash)
        #expect(try scenario.quarantine().map { [$0.hash, $0.resolved ? "resolved" : "open"] }
            == [[overpaying.hash, "resolved"], [unresolvable.hash, "open"]])
    }

    @Test("coinbase_within_reward: a coinbase claiming one base unit more than subsidy plus fees")
    func coinbaseWithinReward() throws {
        var scenario = try QuarantineScenario(database: TestDatabase.current)
        let good = scenario.goodBlock()
        let bad = scenario.block(
            "bad", on: good, transfers: [QuarantineScenario.transfer("bad", spending: [scenario.takeCoin()])], extraClaim: 1)
        try scenario.expectQuarantine(
            good: good, bad: bad, rule: .coinbaseWithinReward,
            reasonMentions: ["pays \(5_000_000_000 + QuarantineScenario.fee + 1) base units", "subsidy 5000000000",
                             "fees \(QuarantineScenario.fee)"],
            remedy: .switchOff(.coinbaseWithinReward))
    }

    @Test("coinbase_within_reward: the halving interval is the rule's parameter; the first halved block is held")
    func coinbaseAfterHalving() throws {
        var scenario = try QuarantineScenario(database: TestDatabase.current)
        let good = scenario.goodBlock()
        // Built for the default schedule, then the schedule halves exactly at the bad block.
        let bad = scenario.block("bad", on: good)
        try scenario.set(.coinbaseWithinReward, parameter: bad.height)
        scenario.rules.halvingInterval = bad.height
        #expect(scenario.rules.subsidy(atHeight: good.height) == 5_000_000_000)
        try scenario.expectQuarantine(
            good: good, bad: bad, rule: .coinbaseWithinReward,
            reasonMentions: ["pays 5000000000 base units", "subsidy 2500000000"], remedy: .switchOff(.coinbaseWithinReward))
    }
}
