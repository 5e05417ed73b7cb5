import ChainETL
import Testing
import TestSupport

/// The end-to-end expectation every validation rule test shares.
extension QuarantineScenario {
    /// How a test lets the refused block through afterwards.
    enum Remedy {
        /// An operator switches the rule off in `etl.validation_rules`.
        case switchOff(ValidationRule)
        /// The landed text is replaced (same hash), as a re-scrape of corrected data would.
        case replace(CraftedLandedBlock)
    }

    /// The good block before the bad one: a transfer with a fee, and a coinbase claiming exactly subsidy + fee
    /// (the boundary every rule must accept).
    mutating func goodBlock() -> CraftedLandedBlock {
        block("good", transfers: [Self.transfer("good", spending: [takeCoin()])])
    }

    /// Lands `good`, `bad` and a block after `bad`, and checks everything the quarantine promises: copy-raw
    /// copies `good`, refuses `bad` under `rule` with a reason mentioning `fragments`, records it in
    /// `etl.quarantine`, copies nothing of it or after it, fails the run, fails again while nothing changes, and
    /// after `remedy` copies both blocks and closes the entry.
    mutating func expectQuarantine(
        good: CraftedLandedBlock, bad: CraftedLandedBlock, rule: ValidationRule, reasonMentions fragments: [String],
        remedy: Remedy
    ) throws {
        let database = self.database
        let after = block("after", on: bad, transfers: [Self.transfer("after", spending: [takeCoin()])])
        for block in [good, bad, after] { try block.land(on: connection) }

        let failure = try #require(throws: BlockValidationFailure.self) { try QuietCopyRaw.run(database: database) }
        #expect(failure.rule == rule)
        #expect(failure.height == bad.height)
        #expect(failure.hash == bad.hash)
        for fragment in fragments {
            #expect(failure.reason.contains(fragment), "reason \"\(failure.reason)\" lacks \"\(fragment)\"")
        }
        #expect(failure.description.contains("block \(bad.height) (\(bad.hash)) fails rule \(rule.rawValue)"))
        let entries = try quarantine()
        #expect(entries.count == 1)
        #expect(entries.first?.hash == bad.hash)
        #expect(entries.first?.height == bad.height)
        #expect(entries.first?.rule == rule.rawValue)
        #expect(entries.first?.reason == failure.reason)
        #expect(entries.first?.resolved == false)
        // The block before it is copied; nothing of it or after it.
        #expect(try chainTip()?.hash == good.hash)
        #expect(try rowsFrom(height: bad.height) == 0)
        let failedRun = try #require(try lastRun())
        #expect(failedRun.status == "failure")
        #expect(failedRun.error?.contains("block \(bad.height)") == true)

        // Nothing changed: refused again, still one open entry, still nothing after it.
        let again = try #require(throws: BlockValidationFailure.self) { try QuietCopyRaw.run(database: database) }
        #expect(again == failure)
        #expect(try quarantine().count == 1)
        #expect(try rowsFrom(height: bad.height) == 0)

        switch remedy {
        case .switchOff(let rule): try set(rule, enabled: false)
        case .replace(let fixed):
            #expect(fixed.hash == bad.hash)
            try fixed.replaceLandedText(on: connection)
        }
        let summary = try QuietCopyRaw.run(database: database)
        #expect(summary.blocksCopied == 2)
        #expect(try chainTip()?.hash == after.hash)
        #expect(try quarantine().map(\.resolved) == [true])
        #expect(try lastRun()?.status == "success")
    }
}
