/// A user name and password for HTTP basic authentication: bitcoind's `rpcuser`/`rpcpassword`, or
/// `__cookie__` and the password from its cookie file.
///
/// `description` never shows the password, so logging a value of this type by accident leaks nothing.
public struct BasicCredentials: Sendable, Equatable, CustomStringConvertible {
    /// The user name sent to the server.
    public var user: String
    /// The secret; never printed.
    public var password: String

    /// Pairs a user with a password.
    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    public var description: String { "\(user):\(SecretMasking.mask)" }
}
