/// The 64-bit key of a PostgreSQL advisory lock, derived from a readable name so every tool (and every
/// version of it) computes the same key for the same purpose.
///
/// The hash is 64-bit FNV-1a over the name's UTF-8 bytes (offset basis 0xcbf29ce484222325, prime
/// 0x100000001b3), reinterpreted as a signed `bigint`. FNV-1a is tiny, has no dependencies and is stable
/// across processes and platforms, unlike Swift's seeded `Hasher`. Keys are not secrets.
public struct AdvisoryLockKey: Sendable, Hashable, CustomStringConvertible {
    /// The name the key was derived from, for messages.
    public let name: String
    /// The value passed to `pg_advisory_lock(bigint)`.
    public let value: Int64

    /// The key for `name`, e.g. `"chain-etl:scrape"`.
    public init(name: String) {
        self.name = name
        self.value = Int64(bitPattern: Self.fnv1a64(name))
    }

    /// 64-bit FNV-1a of the UTF-8 bytes of `text`.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    public var description: String { "\(name) (\(value))" }
}
