import ChainETL
import Testing
import TestSupport

/// The rules a landed block breaks by itself (`readable`, `amount_range`, `counts_match`, `merkle_root`,
/// `address_decodes`), end to end: a crafted bad block lands after a good one and before a good-looking one;
/// copy-raw copies the good block, quarantines the bad one with its rule and reason, copies nothing after it,
/// fails the run, keeps failing while nothing changes, and passes once the rule is switched off or the landed
/// block is fixed, closing the quarantine entry (`QuarantineScenario.expectQuarantine`).
@Suite("copy-raw quarantines a block that breaks a rule by itself", .temporaryDatabase)
struct BlockRuleQuarantineTests {
    @Test("readable: an amount with more decimals than the chain has (fixed by a re-scrape)")
    func readable() throws {
        var scenario = try QuarantineScenario(database: TestDatabase.current)
        let good = scenario.goodBlock()
        var bad = scenario.block("bad", on: good)
        bad.transactions[0].outputs[0].valueText = AmountFormatting.decimalString(bad.transactions[0].outputs[0].value) + "1"
        var fixed = bad
        fixed.transactions[0].outputs[0].valueText = nil
        try scenario.expectQuarantine(
            good: good, bad: bad, rule: .readable, reasonMentions: ["tx[0].vout[0].value"], remedy: .replace(fixed))
    }

    @Test("amount_range: an output above the maximum the rule's parameter sets")
    func amountRange() throws {
        var scenario = try QuarantineScenario(database: TestDatabase.current)
        try scenario.set(.amountRange, parameter: 60 * 100_000_000)
        let good = scenario.goodBlock()
        // Two 50-coin coinbases into one output of 99.999 coins: valid by every other rule.
        let bad = scenario.block("bad", on: good, transfers: [
            QuarantineScenario.transfer("bad", spending: [scenario.takeCoin(), scenario.takeCoin()]),
        ])
        try scenario.expectQuarantine(
            good: good, bad: bad, rule: .amountRange,
            reasonMentions: ["output 0 of transaction \(bad.transactions[1].txid)", "above the maximum 6000000000"],
            remedy: .switchOff(.amountRange))
    }

    @Test("counts_match: nTx disagrees with the transactions listed")
    func countsMatchDeclared() throws {
        var scenario = try QuarantineScenario(database: TestDatabase.current)
        let good = scenario.goodBlock()
        var bad = scenario.block("bad", on: good)
        bad.declaredTransactionCount = 2
        try scenario.expectQuarantine(
            good: good, bad: bad, rule: .countsMatch, reasonMentions: ["nTx says 2"],
            remedy: .switchOff(.countsMatch))
    }

    @Test("counts_match: the counts scrape recorded disagree with the body (fixed by a re-scrape)")
    func countsMatchRecorded() throws {
        var scenario = try QuarantineScenario(database: TestDatabase.current)
        let good = scenario.goodBlock()
        let fixed = scenario.block("bad", on: good, transfers: [QuarantineScenario.transfer("bad", spending: [scenario.takeCoin()])])
        var bad = fixed
        bad.recordedCountsOverride = CraftedLandedBlock.RecordedCounts(transactions: 2, inputs: 2, outputs: 2)
        try scenario.expectQuarantine(
            good: good, bad: bad, rule: .countsMatch, reasonMentions: ["recorded 2, 2 and 2"],
            remedy: .replace(fixed))
    }

    @Test("merkle_root: the txids do not hash to the header's root (fixed by a re-scrape)")
    func merkleRoot() throws {
        var scenario = try QuarantineScenario(database: TestDatabase.current)
        let good = scenario.goodBlock()
        let fixed = scenario.block("bad", on: good, transfers: [QuarantineScenario.transfer("bad", spending: [scenario.takeCoin()])])
        var bad = fixed
        bad.merkleRootOverride = CraftedLandedBlock.fakeHash("not the root")
        try scenario.expectQuarantine(
            good: good, bad: bad, rule: .merkleRoot,
            reasonMentions: [fixed.computedMerkleRoot, CraftedLandedBlock.fakeHash("not the root")], remedy: .replace(fixed))
    }

    @Test("address_decodes: a testnet address in a mainnet block")
    func addressDecodes() throws {
        var scenario = try QuarantineScenario(database: TestDatabase.current)
        let good = scenario.goodBlock()
        var bad = scenario.block("bad", on: good)
        let testnet = CraftedLandedBlock.address("miner on testnet", version: 0x6f)
        bad.transactions[0].outputs[0].address = testnet
        try scenario.expectQuarantine(
            good: good, bad: bad, rule: .addressDecodes,
            reasonMentions: [testnet, "not a bitcoin address"], remedy: .switchOff(.addressDecodes))
    }
}
