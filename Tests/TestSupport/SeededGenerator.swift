import Foundation

/// SplitMix64: a tiny deterministic generator, so a test that draws random kill moments can print its seed and
/// a failure can be replayed with `CHAIN_ETL_TEST_SEED=<seed>`, and a test of many made-up rows draws the same
/// rows on every run.
public struct SeededGenerator: RandomNumberGenerator {
    /// The seed this generator started from.
    public let seed: UInt64
    private var state: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    /// The seed from `CHAIN_ETL_TEST_SEED`, or a fresh random one.
    public static func fromEnvironment() -> SeededGenerator {
        let text = ProcessInfo.processInfo.environment["CHAIN_ETL_TEST_SEED"] ?? ""
        return SeededGenerator(seed: UInt64(text) ?? UInt64.random(in: 0...UInt64.max))
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
