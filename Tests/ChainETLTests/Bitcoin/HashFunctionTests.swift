import ChainETL
import Testing

/// NIST FIPS 180-4 example vectors for SHA-256 and the RIPEMD-160 reference vectors.
@Suite struct HashFunctionTests {
    private func sha256Hex(_ text: String) -> String {
        Hex.encode(SHA256.hash(Array(text.utf8)).bytes)
    }

    @Test func sha256MatchesNISTVectors() {
        #expect(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(sha256Hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
            == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        #expect(Hex.encode(SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000)).bytes)
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func sha256HandlesEveryPaddingBoundary() {
        // 55, 56, 63, 64 and 65 bytes straddle the one-or-two padding block decision.
        let expected: [Int: String] = [
            55: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
            56: "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
            63: "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
            64: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
            65: "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0",
        ]
        for (count, digest) in expected {
            #expect(Hex.encode(SHA256.hash([UInt8](repeating: 0x61, count: count)).bytes) == digest)
        }
    }

    @Test func doubleHashIsHashOfHash() {
        let data = Array("hello".utf8)
        #expect(SHA256.doubleHash(data) == SHA256.hash(SHA256.hash(data).bytes))
        #expect(SHA256.doubleHash(data).bytes.reversed() == Hex.decode(
            "503d8319a48348cdc610a582f7bf754b5833df65038606eb48510790dfc99595")!)
    }

    @Test func ripemd160MatchesReferenceVectors() {
        #expect(Hex.encode(RIPEMD160.hash([])) == "9c1185a5c5e9fc54612808977ee8f548b2258d31")
        #expect(Hex.encode(RIPEMD160.hash(Array("abc".utf8))) == "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc")
        #expect(Hex.encode(RIPEMD160.hash(Array("message digest".utf8))) == "5d0689ef49d2fae572b881b123a85ffa21595f36")
    }

    @Test func hash160OfGenesisKeyIsSatoshisAddressHash() {
        let key = Hex.decode("04678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5f")!
        #expect(Hex.encode(RIPEMD160.hash160(key)) == "62e907b15cbf27d5425399ebf6f0fb50ebb88f18")
    }

    @Test func hash256DisplayHexIsReversed() throws {
        let hash = try #require(Hash256(displayHex: "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"))
        #expect(hash.bytes.first == 0x6f)
        #expect(hash.displayHex == "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f")
        #expect(Hash256(displayHex: "xyz") == nil)
    }
}
