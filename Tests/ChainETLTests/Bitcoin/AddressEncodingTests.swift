import ChainETL
import Testing

/// BIP173/BIP350 and Base58Check vectors, CashAddr and descriptor checksums from real node output.
@Suite struct AddressEncodingTests {
    @Test func base58CheckRoundTripsKnownAddresses() throws {
        let hash = Hex.decode("62e907b15cbf27d5425399ebf6f0fb50ebb88f18")!
        #expect(Base58Check.encode(version: 0, hash: hash) == "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")
        #expect(Base58Check.encode(version: 0x6f, hash: hash) == "mpXwg4jMtRhuSpVq4xS3HFHmCmWp9NyGKt")
        let payload = try #require(Base58Check.decode("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"))
        #expect(payload.first == 0x05 && payload.count == 21)
        #expect(Base58Check.decode("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb") == nil)  // checksum broken
        #expect(Base58Check.decode("1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf0a") == nil)  // '0' is not Base58
        #expect(Base58Check.encodePlain([0, 0, 1]) == "112")
        #expect(Base58Check.decodePlain("112") == [0, 0, 1])
    }

    @Test(arguments: [
        "A12UEL5L", "a12uel5l",
        "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
        "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
        "11" + String(repeating: "q", count: 82) + "c8247j",
        "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w", "?1ezyfcl",
    ])
    func bip173ValidChecksums(_ text: String) throws {
        #expect(try #require(Bech32.decode(text)).variant == .bech32)
    }

    @Test(arguments: [
        "A1LQFN3A", "a1lqfn3a",
        "an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6",
        "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
        "11" + String(repeating: "l", count: 82) + "ludsr8",
        "split1checkupstagehandshakeupstreamerranterredcaperredlc445v", "?1v759aa",
    ])
    func bip350ValidChecksums(_ text: String) throws {
        #expect(try #require(Bech32.decode(text)).variant == .bech32m)
    }

    @Test(arguments: [
        "\u{20}1nwldj5", "\u{7F}1axkwrx", "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx",
        "pzry9x0s0muk", "1pzry9x0s0muk", "x1b4n0q5v", "li1dgmt3", "de1lg7wt\u{FF}", "A1G7SGD8", "10a06t8", "1qzzfhee",
    ])
    func bip173InvalidStrings(_ text: String) {
        #expect(Bech32.decode(text)?.variant != .bech32)
    }

    @Test func segwitAddressVectors() throws {
        let v0 = try #require(SegwitAddress.decode("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4".lowercased(), humanReadablePart: "bc"))
        #expect(v0.version == 0 && Hex.encode(v0.program) == "751e76e8199196d454941c45d1b3a323f1433bd6")
        let v1 = try #require(SegwitAddress.decode("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", humanReadablePart: "bc"))
        #expect(v1.version == 1 && v1.program.count == 32)
        #expect(SegwitAddress.encode(humanReadablePart: "bc", version: 0, program: v0.program)
            == "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")
        #expect(SegwitAddress.encode(humanReadablePart: "bc", version: 1, program: v1.program)
            == "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0")
        // BIP350 invalid: v1 with bech32 checksum, v0 with bech32m checksum, wrong hrp, bad program length.
        #expect(SegwitAddress.decode("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", humanReadablePart: "bc") == nil)
        #expect(SegwitAddress.decode("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", humanReadablePart: "bc") == nil)
        #expect(SegwitAddress.decode("tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut", humanReadablePart: "bc") == nil)
        #expect(SegwitAddress.decode("bc1pw5dgrnzv", humanReadablePart: "bc") == nil)
        #expect(SegwitAddress.decode("BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P".lowercased(), humanReadablePart: "bc") == nil)
    }

    @Test func cashAddressMatchesBitcoinCashNodeOutput() {
        let address = "bitcoincash:qzkddwa6hgh03skr4qsrygk7e087zjydxgqkpjnsw7"
        #expect(CashAddress.hasValidChecksum(address))
        #expect(!CashAddress.hasValidChecksum("bitcoincash:qzkddwa6hgh03skr4qsrygk7e087zjydxgqkpjnsw8"))
    }

    @Test func descriptorChecksumMatchesCoreOutput() {
        #expect(DescriptorChecksum.withChecksum("addr(1HfKJ45LPL3fHwcSjsbwRGTwn3Dhnu9Lb7)") == "addr(1HfKJ45LPL3fHwcSjsbwRGTwn3Dhnu9Lb7)#73rjmj7x")
        #expect(DescriptorChecksum.checksum(of: "addr(1Cxx8BbkgiTE3iz9ihKLCkutWTPPwio1DS)") == "zlsuw5dp")
    }
}
