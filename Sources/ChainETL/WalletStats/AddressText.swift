import Foundation

/// The syntactic check an address typed on the command line gets before it is stored: what any chain's address
/// looks like (non-empty, printable, no spaces, not absurdly long). Whether it ever appears on chain is not
/// checked: a wallet may be watched before its first transaction.
public enum AddressText {
    /// Returns the address without surrounding blanks, or throws `WalletStatsError.invalidAddress`.
    public static func validated(_ text: String) throws -> String {
        let address = text.trimmingCharacters(in: .whitespaces)
        if address.isEmpty { throw WalletStatsError.invalidAddress(text, reason: "it is empty") }
        if address.contains(where: \.isWhitespace) {
            throw WalletStatsError.invalidAddress(text, reason: "it contains a space")
        }
        if address.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw WalletStatsError.invalidAddress(text, reason: "it contains a control character")
        }
        if address.count > LabelFile.maximumAddressLength {
            throw WalletStatsError.invalidAddress(
                text, reason: "it is longer than \(LabelFile.maximumAddressLength) characters")
        }
        return address
    }
}
