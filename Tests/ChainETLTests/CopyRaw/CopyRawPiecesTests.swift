import ChainETL
import Testing

/// The pure pieces copy-raw decides with: which pending events still matter, how `--prune-raw-older-than`
/// reads an age, which addresses belong to a chain, and the subsidy the coinbase rule allows.
@Suite("ChangePlan: joins and leaves that cancel out are never applied")
struct ChangePlanTests {
    private static func joined(_ sequence: Int64, _ hash: String, _ height: Int64 = 0) -> ChainEvent {
        ChainEvent(sequence: sequence, change: .joined, height: height, hash: hash)
    }

    private static func left(_ sequence: Int64, _ hash: String, _ height: Int64 = 0) -> ChainEvent {
        ChainEvent(sequence: sequence, change: .left, height: height, hash: hash)
    }

    @Test("nothing pending, nothing to do")
    func empty() {
        #expect(ChangePlan(events: []) == ChangePlan(events: []))
        #expect(ChangePlan(events: []).steps.isEmpty)
        #expect(ChangePlan(events: []).cancelled.isEmpty)
    }

    @Test("a join of a block the chain tables hold is dropped, unless the block leaves before it in the window")
    func joinsOfCopiedBlocks() {
        // "a" joined again after a gap fill; "b" leaves and returns, so its join must stay.
        let plan = ChangePlan(events: [
            Self.joined(1, "a", 30), Self.left(2, "b", 61), Self.joined(3, "c", 61), Self.left(4, "c", 61),
            Self.joined(5, "b", 61), Self.joined(6, "d", 62),
        ])
        #expect(plan.joinsWithoutEarlierLeave == ["a", "d"])
        let dropped = plan.droppingJoins(alreadyCopied: ["a", "b"])
        #expect(dropped.steps == [Self.left(2, "b", 61), Self.joined(5, "b", 61), Self.joined(6, "d", 62)])
        #expect(dropped.cancelled == ["c"])
        #expect(plan.droppingJoins(alreadyCopied: []) == plan)
    }

    @Test("a second join of a block not yet copied is dropped; after a leave it is a join again")
    func joinedTwiceInOneWindow() {
        let plan = ChangePlan(events: [
            Self.joined(1, "a", 30), Self.joined(2, "b", 31), Self.joined(3, "a", 30), Self.joined(4, "c", 32),
            Self.left(5, "c", 32), Self.joined(6, "c", 32), Self.joined(7, "c", 32),
        ])
        #expect(plan.steps == [
            Self.joined(1, "a", 30), Self.joined(2, "b", 31), Self.joined(6, "c", 32),
        ])
        #expect(plan.cancelled == ["c"])
    }

    @Test("joins only: every one is applied, in order")
    func joinsOnly() {
        let events = [Self.joined(1, "a", 5), Self.joined(2, "b", 6), Self.joined(3, "c", 7)]
        let plan = ChangePlan(events: events)
        #expect(plan.steps == events)
        #expect(plan.cancelled.isEmpty)
    }

    @Test("a block that joins and leaves in the window cancels out; the rest keeps its order")
    func cancelPair() {
        let plan = ChangePlan(events: [Self.joined(1, "a", 5), Self.joined(2, "b", 6), Self.left(3, "b", 6), Self.joined(4, "c", 6)])
        #expect(plan.steps == [Self.joined(1, "a", 5), Self.joined(4, "c", 6)])
        #expect(plan.cancelled == ["b"])
    }

    @Test("nested pairs (a reorg of depth 2 inside the window) all cancel, innermost first")
    func nestedPairs() {
        let plan = ChangePlan(events: [
            Self.joined(1, "a", 5), Self.joined(2, "b", 6), Self.left(3, "b", 6), Self.left(4, "a", 5),
            Self.joined(5, "a2", 5), Self.joined(6, "b2", 6),
        ])
        #expect(plan.steps == [Self.joined(5, "a2", 5), Self.joined(6, "b2", 6)])
        #expect(plan.cancelled == ["b", "a"])
    }

    @Test("a leave of a block applied before the window is kept, before the joins that replace it")
    func leaveOfAppliedBlock() {
        let events = [Self.left(7, "x", 9), Self.joined(8, "y", 9)]
        let plan = ChangePlan(events: events)
        #expect(plan.steps == events)
        #expect(plan.cancelled.isEmpty)
    }

    @Test("a mixed window: an applied block leaves, a pending one cancels, replacements stay")
    func mixed() {
        let plan = ChangePlan(events: [
            Self.joined(1, "c", 10), Self.left(2, "c", 10), Self.left(3, "b", 9), Self.joined(4, "b2", 9), Self.joined(5, "c2", 10),
        ])
        #expect(plan.steps == [Self.left(3, "b", 9), Self.joined(4, "b2", 9), Self.joined(5, "c2", 10)])
        #expect(plan.cancelled == ["c"])
    }

    @Test("a block that leaves and rejoins within the window is applied once, by its last join")
    func rejoin() {
        let plan = ChangePlan(events: [Self.joined(1, "a", 5), Self.left(2, "a", 5), Self.joined(3, "a", 5)])
        #expect(plan.steps == [Self.joined(3, "a", 5)])
        #expect(plan.cancelled == ["a"])
        let twice = ChangePlan(events: [
            Self.joined(1, "a", 5), Self.left(2, "a", 5), Self.joined(3, "a", 5), Self.left(4, "a", 5),
        ])
        #expect(twice.steps.isEmpty)
        #expect(twice.cancelled == ["a", "a"])
    }

    @Test("an applied block that leaves and rejoins is taken out and put back")
    func appliedBlockRejoins() {
        let plan = ChangePlan(events: [Self.left(1, "a", 5), Self.joined(2, "a", 5)])
        #expect(plan.steps == [Self.left(1, "a", 5), Self.joined(2, "a", 5)])
        let leftAgain = ChangePlan(events: [Self.left(1, "a", 5), Self.joined(2, "a", 5), Self.left(3, "a", 5)])
        #expect(leftAgain.steps == [Self.left(1, "a", 5)])
        #expect(leftAgain.cancelled == ["a"])
    }
}

@Suite("DurationText: ages as operators write them")
struct DurationTextTests {
    @Test("a whole number and one unit", arguments: [
        ("30s", Int64(30)), ("5m", 300), ("12h", 43_200), ("90d", 7_776_000), ("2w", 1_209_600), ("0d", 0),
        ("1000000d", 86_400_000_000),
    ])
    func valid(text: String, seconds: Int64) {
        #expect(DurationText.seconds(from: text) == seconds)
    }

    @Test("anything else is refused, never guessed", arguments: [
        "", "d", "10", "10x", "-1d", "1.5d", "10 d", " 10d", "10d ", "d10", "10dd", "1e3s", "ten days",
        "9223372036854775807w", "106751991167301d",
    ])
    func invalid(text: String) {
        #expect(DurationText.seconds(from: text) == nil)
    }
}

@Suite("AddressValidity: an address belongs to the configured chain")
struct AddressValidityTests {
    /// The hash of `1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa`, written in other chains' encodings.
    private static let hash: [UInt8] = Base58Check.decode("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa").map { Array($0.dropFirst()) } ?? []

    private static func legacy(_ version: UInt8) -> String {
        Base58Check.encode(version: version, hash: hash)
    }

    @Test("Bitcoin mainnet: P2PKH, P2SH, segwit v0 and v1; not testnet, other chains or broken checksums")
    func bitcoin() {
        let parameters = Chain.bitcoin.parameters
        for address in [
            "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
            // The same v1 program with BIP173's Bech32 checksum, as Core up to 0.21.0 printed it, and BIP173's
            // own v1 example: nodes before BIP350 wrote every version 1+ output so.
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",
            "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx",
        ] {
            #expect(AddressValidity.isValid(address, for: parameters), "\(address)")
        }
        for address in [
            "", "1", "bc1", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", "1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf0a",
            "mpXwg4jMtRhuSpVq4xS3HFHmCmWp9NyGKt", "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx",
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",
            "bitcoincash:qzkddwa6hgh03skr4qsrygk7e087zjydxgqkpjnsw7", "DPsvwvYRgt66ntxno9mMuBfwhg9nAMmGrD",
            Self.legacy(0x30), Self.legacy(0x32), "1Miner",
        ] {
            #expect(!AddressValidity.isValid(address, for: parameters), "\(address)")
        }
    }

    @Test("Bitcoin testnet: m/n and 2 addresses and tb1; not mainnet")
    func testnet() {
        let parameters = Chain.bitcoinTestnet.parameters
        for address in ["mpXwg4jMtRhuSpVq4xS3HFHmCmWp9NyGKt", Self.legacy(0xc4), "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx"] {
            #expect(AddressValidity.isValid(address, for: parameters), "\(address)")
        }
        for address in ["1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"] {
            #expect(!AddressValidity.isValid(address, for: parameters), "\(address)")
        }
    }

    @Test("Litecoin: L, M and the older 3 addresses, and ltc1; not Bitcoin's P2PKH or segwit")
    func litecoin() {
        let parameters = Chain.litecoin.parameters
        let segwit = SegwitAddress.encode(humanReadablePart: "ltc", version: 0, program: Self.hash) ?? ""
        #expect(segwit.hasPrefix("ltc1q"))
        // `3…`: P2SH as Litecoin nodes printed it before the `M…` prefix, still valid there.
        for address in [Self.legacy(0x30), Self.legacy(0x32), Self.legacy(0x05), "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", segwit] {
            #expect(AddressValidity.isValid(address, for: parameters), "\(address)")
        }
        #expect(Self.legacy(0x30).hasPrefix("L"))
        for address in ["1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "DPsvwvYRgt66ntxno9mMuBfwhg9nAMmGrD"] {
            #expect(!AddressValidity.isValid(address, for: parameters), "\(address)")
        }
    }

    @Test("Bitcoin Cash: CashAddr with a valid checksum, and the legacy form old nodes printed; no segwit")
    func bitcoinCash() {
        let parameters = Chain.bitcoinCash.parameters
        for address in [
            "bitcoincash:qzkddwa6hgh03skr4qsrygk7e087zjydxgqkpjnsw7", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
            CashAddress.encode(prefix: "bitcoincash", kind: .scriptHash, hash: Self.hash),
        ] {
            #expect(AddressValidity.isValid(address, for: parameters), "\(address)")
        }
        for address in [
            "bitcoincash:qzkddwa6hgh03skr4qsrygk7e087zjydxgqkpjnsw8", "bchtest:qzkddwa6hgh03skr4qsrygk7e087zjydxgqkpjnsw7",
            "qzkddwa6hgh03skr4qsrygk7e087zjydxgqkpjnsw7", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
            "DPsvwvYRgt66ntxno9mMuBfwhg9nAMmGrD",
        ] {
            #expect(!AddressValidity.isValid(address, for: parameters), "\(address)")
        }
    }

    @Test("Dogecoin: D and 9/A addresses; not Bitcoin's or Litecoin's")
    func dogecoin() {
        let parameters = Chain.dogecoin.parameters
        // The address of recorded Dogecoin block 2 (bitcoin-etl fixture).
        for address in ["DPsvwvYRgt66ntxno9mMuBfwhg9nAMmGrD", Self.legacy(0x1e), Self.legacy(0x16)] {
            #expect(AddressValidity.isValid(address, for: parameters), "\(address)")
        }
        for address in ["1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", Self.legacy(0x30), "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "DPsvwvYRgt66ntxno9mMuBfwhg9nAMmGrE"] {
            #expect(!AddressValidity.isValid(address, for: parameters), "\(address)")
        }
    }
}

@Suite("ValidationRules.subsidy: what the coinbase rule allows")
struct ValidationRulesSubsidyTests {
    private static let coin: Int64 = 100_000_000

    /// (height, subsidy) at and around Bitcoin's halvings, down to the last base unit and past it.
    private static let bitcoinSchedule: [(height: Int64, subsidy: Int64)] = [
        (0, 50 * coin), (209_999, 50 * coin), (210_000, 25 * coin), (419_999, 25 * coin),
        (420_000, 1_250_000_000), (630_000, 625_000_000), (840_000, 312_500_000), (6_719_999, 2),
        (6_720_000, 1), (6_929_999, 1), (6_930_000, 0), (13_230_000, 0), (13_440_000, 0), (Int64.max, 0),
    ]

    @Test("Bitcoin halves every 210,000 blocks and reaches zero", arguments: bitcoinSchedule)
    func bitcoin(height: Int64, subsidy: Int64) {
        #expect(ValidationRules(parameters: Chain.bitcoin.parameters).subsidy(atHeight: height) == subsidy)
    }

    @Test("agrees with the chain's own schedule at every halving", arguments: [Chain.bitcoin, .litecoin, .bitcoinCash, .bitcoinVault])
    func agreesWithChainParameters(chain: Chain) throws {
        let rules = ValidationRules(parameters: chain.parameters)
        let interval = try #require(chain.parameters.halvingInterval)
        // Below the early ceilings the rule allows the ceiling, which the formula does not know.
        let formulaStart = Int(chain.parameters.earlySubsidyCeilings.last?.belowHeight ?? 0)
        for halving in 0...70 {
            let first = halving * interval - chain.parameters.halvingOffset
            for height in [first - 1, first, formulaStart] where height >= formulaStart {
                #expect(rules.subsidy(atHeight: Int64(height)) == chain.parameters.subsidy(atHeight: height), "height \(height)")
            }
        }
    }

    @Test("Dogecoin: the largest early reward of each stretch, then the flat 10,000 that never halves")
    func dogecoin() {
        let dogecoin = ValidationRules(parameters: Chain.dogecoin.parameters)
        let expected: [(Int64, Int64)] = [
            (0, 1_000_000), (2, 1_000_000), (99_999, 1_000_000), (100_000, 500_000), (144_999, 500_000),
            (145_000, 250_000), (199_999, 250_000), (200_000, 125_000), (300_000, 62_500), (400_000, 31_250),
            (500_000, 15_625), (599_999, 15_625), (600_000, 10_000), (5_000_000, 10_000),
        ]
        for (height, coins) in expected {
            #expect(dogecoin.subsidy(atHeight: height) == coins * Self.coin, "height \(height)")
        }
    }

    @Test("Bitcoin Vault follows BRIP-1: the bootstrap steps, then Bitcoin's schedule from its fifth era")
    func bitcoinVault() {
        let vault = ValidationRules(parameters: Chain.bitcoinVault.parameters)
        // The heights of the node's own subsidy_schedule test, and each step's edges.
        let expected: [(Int64, Int64)] = [
            (0, 17_500_000_000), (100, 17_500_000_000), (29_849, 17_500_000_000), (29_850, 15_000_000_000),
            (29_950, 15_000_000_000), (56_449, 15_000_000_000), (56_450, 12_500_000_000), (56_550, 12_500_000_000),
            (83_150, 10_000_000_000), (109_750, 7_500_000_000), (136_350, 5_000_000_000), (162_950, 2_500_000_000),
            (189_550, 1_250_000_000), (216_150, 625_000_000), (242_649, 625_000_000), (242_650, 312_500_000),
            (269_250, 312_500_000), (452_649, 312_500_000), (452_650, 156_250_000), (662_650, 78_125_000),
        ]
        for (height, subsidy) in expected {
            #expect(vault.subsidy(atHeight: height) == subsidy, "height \(height)")
        }
        // The node's subsidy_limit_test: every 50th height's subsidy, times 50, sums to Bitcoin's total.
        let total = stride(from: Int64(0), to: 14_000_000, by: 50).reduce(Int64(0)) { $0 + vault.subsidy(atHeight: $1) * 50 }
        #expect(total == 2_099_999_997_690_000)
        #expect(vault.subsidy(atHeight: Int64.max) == 0)
    }

    @Test("an interval switched off never halves; the rule's parameter sets another")
    func flat() {
        var rules = ValidationRules(parameters: Chain.bitcoin.parameters)
        rules.halvingInterval = 0
        #expect(rules.subsidy(atHeight: 1_000_000) == 50 * Self.coin)
        rules.halvingInterval = 150  // regtest's schedule, set through the rule's parameter
        #expect(rules.subsidy(atHeight: 149) == 50 * Self.coin)
        #expect(rules.subsidy(atHeight: 150) == 25 * Self.coin)
    }
}
