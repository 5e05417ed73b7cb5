import ChainETL
import Foundation
import Testing

/// Amount text as bitcoind prints it, compact bits ↔ target ↔ difficulty ↔ work, per-chain parameters.
@Suite struct AmountAndTargetTests {
    @Test func amountsHaveExactlyEightDecimals() {
        #expect(AmountFormatting.decimalString(5_000_000_000) == "50.00000000")
        #expect(AmountFormatting.decimalString(0) == "0.00000000")
        #expect(AmountFormatting.decimalString(1) == "0.00000001")
        #expect(AmountFormatting.decimalString(-123_456_789) == "-1.23456789")
        #expect(AmountFormatting.decimalString(Int64.max) == "92233720368.54775807")
        #expect(AmountFormatting.decimalString(Int64.min) == "-92233720368.54775808")
    }

    @Test func difficultyAndTargetMatchBlock951658() throws {
        let compact = CompactTarget(bits: 0x1702_068f)
        #expect(compact.difficulty == 138_955_357_012_247.3)
        let target = try #require(compact.target)
        #expect(target.hex == "00000000000000000002068f0000000000000000000000000000000000000000")
        #expect(CompactTarget(target: target).bits == 0x1702_068f)
        #expect(CompactTarget(target: try #require(compact.target)).bits == 0x1702_068f)
        #expect(String(format: "%.16g", CompactTarget(bits: 0x1903_071f).difficulty) == "1418481395.262635")
    }

    @Test func genesisWorkIsTheKnownChainwork() {
        // Core reports chainwork 0000...000100010001 for the genesis block.
        #expect(CompactTarget(bits: 0x1d00_ffff).work == UInt256(0x1_0001_0001))
        #expect(CompactTarget(bits: 0x1d00_ffff).difficulty == 1)
    }

    @Test func subsidyHalves() {
        let bitcoin = Chain.bitcoin.parameters
        #expect(bitcoin.subsidy(atHeight: 0) == 5_000_000_000)
        #expect(bitcoin.subsidy(atHeight: 210_000) == 2_500_000_000)
        #expect(bitcoin.subsidy(atHeight: 150, halvingInterval: 150) == 2_500_000_000)
        #expect(Chain.dogecoin.parameters.subsidy(atHeight: 5_000_000) == 1_000_000_000_000)
        for chain in Chain.allCases { #expect(chain.parameters.defaultRPCPort == chain.defaultRPCPort) }
    }
}
