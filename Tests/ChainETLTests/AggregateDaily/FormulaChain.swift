import ChainETL
import Logging
import TestSupport

/// A long chain whose every value follows a formula, written straight into `chain.blocks`,
/// `chain.transactions` and `chain.block_changes` with set-based SQL (thousands of blocks in a fraction of a
/// second), so tests of bucket boundaries can compute every expected row by hand from the formulas. Only the
/// columns `aggregate-daily` reads are meaningful; the exact copy-raw semantics are covered by `CraftedChain`.
///
/// Block `h` of version `v` (blocks mined again after a reorg get a new version):
/// - time 2024-01-01T00:00:00Z + 600·h, difficulty (h mod 7) + 1;
/// - `h mod 3` transfers, transfer `i` (1-based) paying 1000·h + i + 7·v with fee 10·i;
/// - a coinbase paying 5,000,000,000 plus the fees.
struct FormulaChain {
    static let firstTime: Int64 = 1_704_067_200

    let connection: PostgresConnection
    /// The version of each height of the current chain.
    private(set) var versions: [Int64: Int] = [:]

    init(connection: PostgresConnection) throws {
        self.connection = connection
        try MigrationRunner(connection: connection, logger: Logger(label: "formula-chain") { _ in SwiftLogNoOpLogHandler() })
            .apply([CoreMigrations.track, ChainSchema.track])
    }

    var tipHeight: Int64? { versions.keys.max() }

    /// Appends heights up to `tip` on top of the current tip, with `version`.
    mutating func append(upTo tip: Int64, version: Int = 0) throws {
        let first = (tipHeight ?? -1) + 1
        guard first <= tip else { return }
        try connection.transaction { connection in
            try connection.execute("""
                INSERT INTO chain.blocks (height, hash, prev_hash, time, size, weight, tx_count, difficulty,
                                          input_count, output_count, supply)
                SELECT h, md5('block ' || h || ' v' || $3::int), NULL, to_timestamp($4::bigint + 600 * h), 1000, 4000,
                       1 + h % 3, (h % 7) + 1, h % 3, 1 + 2 * (h % 3), 0
                FROM generate_series($1::bigint, $2::bigint) AS h
                """, [first, tip, version, Self.firstTime])
            try connection.execute("""
                INSERT INTO chain.transactions (block_height, tx_index, txid, is_coinbase, size, vsize, input_count,
                                                output_count, input_value, output_value, fee)
                SELECT h, 0, md5('coinbase ' || h || ' v' || $3::int), true, 200, 200, 0, 1, 0,
                       5000000000 + 10 * ((h % 3) * (h % 3 + 1) / 2), 0
                FROM generate_series($1::bigint, $2::bigint) AS h
                UNION ALL
                SELECT h, i, md5('tx ' || h || ' ' || i || ' v' || $3::int), false, 250, 250, 1, 2,
                       1000 * h + i + 7 * $3::int + 10 * i, 1000 * h + i + 7 * $3::int, 10 * i
                FROM generate_series($1::bigint, $2::bigint) AS h
                CROSS JOIN LATERAL generate_series(1, (h % 3)::int) AS i
                """, [first, tip, version])
            try connection.execute("""
                INSERT INTO chain.block_changes (change, height, hash, time)
                SELECT 'joined', height, hash, time FROM chain.blocks WHERE height BETWEEN $1 AND $2 ORDER BY height
                """, [first, tip])
        }
        for height in first...tip { versions[height] = version }
    }

    /// Takes every block above `height` off the chain as copy-raw does: 'left' changes tip first, rows gone.
    mutating func orphan(above height: Int64) throws {
        try connection.transaction { connection in
            try connection.execute("""
                INSERT INTO chain.block_changes (change, height, hash, time)
                SELECT 'left', height, hash, time FROM chain.blocks WHERE height > $1 ORDER BY height DESC
                """, [height])
            try connection.execute("DELETE FROM chain.transactions WHERE block_height > $1", [height])
            try connection.execute("DELETE FROM chain.blocks WHERE height > $1", [height])
        }
        versions = versions.filter { $0.key <= height }
    }

    // MARK: The formulas

    static func difficulty(_ height: Int64) -> Int64 { height % 7 + 1 }
    static func transfers(_ height: Int64) -> Int64 { height % 3 }

    /// Σ of the transfer amounts of block `height`.
    func volume(_ height: Int64) -> Int64 {
        let k = Self.transfers(height), version = Int64(versions[height] ?? 0)
        return k * (1_000 * height + 7 * version) + k * (k + 1) / 2
    }

    /// The rows `stats.block_windows` should hold for `period` on the current chain.
    func expectedWindows(_ period: BlockWindowPeriod) -> [BlockWindowRow] {
        guard let tip = tipHeight else { return [] }
        let window = period.window(chain: 0...tip)
        let origin = period.origin(window: window)
        return period.buckets(covering: window, origin: origin).map { bucket in
            let heights = period.heights(ofBucket: bucket, origin: origin).clamped(to: window)
            let volumes = heights.map(volume)
            let sum = volumes.reduce(0, +)
            let transfers = heights.map(Self.transfers).reduce(0, +)
            return BlockWindowRow(
                period: period.rawValue, bucket: Int(bucket), lowerHeight: heights.lowerBound,
                upperHeight: heights.upperBound, blocks: heights.count,
                difficultyMean: Double(heights.map(Self.difficulty).reduce(0, +)) / Double(heights.count),
                volumeSum: String(sum), volumeMin: String(volumes.min()!), volumeMax: String(volumes.max()!),
                txCount: transfers, volumeMean: transfers == 0 ? nil : Self.decimal(sum, over: transfers))
        }
    }

    /// numerator ÷ denominator rounded half away from zero to 6 places, trailing zeros dropped (PostgreSQL's
    /// `trim_scale(round(x, 6))`), for positive numbers.
    static func decimal(_ numerator: Int64, over denominator: Int64) -> String {
        let scaled = (numerator * 2_000_000 / denominator + 1) / 2
        let whole = scaled / 1_000_000, fraction = scaled % 1_000_000
        guard fraction != 0 else { return String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}
