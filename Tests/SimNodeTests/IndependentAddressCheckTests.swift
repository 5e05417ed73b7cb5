import Foundation
import Testing

/// The test-only checker must itself be right before it can vouch for simnode's addresses.
@Suite struct IndependentAddressCheckTests {
    @Test func checkerAcceptsBIPVectorsAndRejectsCorruptions() {
        #expect(IndependentAddressCheck.isValidSegwit("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", hrp: "bc"))
        #expect(IndependentAddressCheck.isValidSegwit("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", hrp: "bc"))
        #expect(!IndependentAddressCheck.isValidSegwit("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", hrp: "bc"))
        #expect(!IndependentAddressCheck.isValidSegwit("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", hrp: "bc"))
        #expect(IndependentAddressCheck.base58CheckVersion("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa") == 0)
        #expect(IndependentAddressCheck.base58CheckVersion("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy") == 5)
        #expect(IndependentAddressCheck.base58CheckVersion("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb") == nil)
        #expect(IndependentAddressCheck.sha256(Array("abc".utf8)).map { String(format: "%02x", $0) }.joined()
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
