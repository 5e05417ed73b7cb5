/// One column of a `stats` table as the JSON export writes it. The kind comes from the column's type in the
/// catalog and, for amounts, its name, so tables added later by other tools are exported correctly without
/// being listed anywhere.
public struct ExportColumn: Sendable, Equatable {
    /// How a value is written.
    public enum Kind: Sendable, Equatable {
        /// An integer count, height or rank: a JSON number (PostgreSQL's text is already valid JSON).
        case integer
        /// An amount in base units (`bigint` or `numeric`): a string of base units plus `<name>_coins`.
        case amount
        /// A non-amount `numeric` or floating-point value (share, mean, difficulty): a JSON number, or null for
        /// NaN and infinities, which JSON cannot hold.
        case number
        /// `true` / `false`.
        case boolean
        /// `timestamptz` / `timestamp`: an ISO 8601 string (`2020-09-13T12:26:40Z`).
        case timestamp
        /// `date`: `2020-09-13`.
        case date
        /// `json` / `jsonb`: embedded as JSON.
        case json
        /// Anything else: the PostgreSQL text as a JSON string.
        case text
    }

    /// The column's name, the JSON key.
    public var name: String
    /// How its values are written.
    public var kind: Kind

    /// A column of `kind`.
    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// The column named `name` whose (base) type is `typeName` as `pg_type.typname` spells it (`int8`, `numeric`).
    public init(name: String, typeName: String) {
        self.name = name
        switch typeName {
        case "int2", "int4", "int8":
            kind = Self.namesAmount(name) ? .amount : .integer
        case "numeric":
            kind = Self.namesAmount(name) ? .amount : .number
        case "float4", "float8":
            kind = .number
        case "bool":
            kind = .boolean
        case "timestamptz", "timestamp":
            kind = .timestamp
        case "date":
            kind = .date
        case "json", "jsonb":
            kind = .json
        default:
            kind = .text
        }
    }

    /// Words that make an integer or numeric column an amount in base units, as the SPEC's tables name them
    /// (`balance`, `received`, `fee_sum`, `issued_total`, `volume_mean`, `threshold`, ...).
    public static let amountWords: Set<String> = [
        "amount", "balance", "fee", "issued", "received", "reward", "sent", "subsidy", "supply", "threshold",
        "value", "volume",
    ]

    /// Words that make a column a count or position even next to an amount word (`fee_count`, `balance_rank`).
    public static let countWords: Set<String> = ["count", "addresses", "blocks", "height", "rank", "n", "index"]

    /// Whether the column name, split at underscores, contains an amount word and no count word.
    public static func namesAmount(_ name: String) -> Bool {
        let words = name.lowercased().split(separator: "_").map(String.init)
        return words.contains(where: amountWords.contains) && !words.contains(where: countWords.contains)
    }
}
