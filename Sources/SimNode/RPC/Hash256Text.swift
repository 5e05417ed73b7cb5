import ChainETL

/// A hash parsed from a request parameter.
struct Hash256Text {
    var hash: Hash256

    init?(_ text: String) {
        guard let hash = Hash256(displayHex: text) else { return nil }
        self.hash = hash
    }
}
