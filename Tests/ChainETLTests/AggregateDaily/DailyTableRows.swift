import ChainETL
import TestSupport

/// The rows of the daily tables and block windows as tests compare them: integers as integers, numeric sums and
/// means as their exact decimal text rounded to 6 places without trailing zeros (`21645`, `83333.333333`),
/// doubles as doubles (compared with a relative tolerance).
struct DailyBlocksRow: Equatable, CustomStringConvertible {
    var day: String
    var blocks: Int
    var firstHeight: Int64?
    var lastHeight: Int64?
    var sizeMean: String?
    var sizeMin: Int?
    var sizeMax: Int?
    var intervalMean: String?
    var intervalMin: Int64?
    var intervalMax: Int64?
    var difficultyMean: Double?
    var hashrate: Double?
    var subsidySum: String
    var feeSum: String
    var feeMean: String?
    var rewardSum: String
    var rewardMean: String?
    var issuedTotal: String

    var description: String {
        "\(day): \(blocks) blocks \(firstHeight.map(String.init) ?? "-")..\(lastHeight.map(String.init) ?? "-"), "
            + "size \(sizeMean ?? "-")/\(sizeMin.map(String.init) ?? "-")/\(sizeMax.map(String.init) ?? "-"), "
            + "interval \(intervalMean ?? "-")/\(intervalMin.map(String.init) ?? "-")/\(intervalMax.map(String.init) ?? "-"), "
            + "difficulty \(difficultyMean.map { "\($0)" } ?? "-"), hashrate \(hashrate.map { "\($0)" } ?? "-"), "
            + "subsidy \(subsidySum), fees \(feeSum)/\(feeMean ?? "-"), reward \(rewardSum)/\(rewardMean ?? "-"), "
            + "issued \(issuedTotal)"
    }

    /// Equal, with doubles within a relative 1e-12.
    func matches(_ other: DailyBlocksRow) -> Bool {
        var mine = self, theirs = other
        guard Self.close(mine.difficultyMean, theirs.difficultyMean), Self.close(mine.hashrate, theirs.hashrate) else {
            return false
        }
        mine.difficultyMean = nil; mine.hashrate = nil
        theirs.difficultyMean = nil; theirs.hashrate = nil
        return mine == theirs
    }

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): abs(a - b) <= 1e-12 * max(abs(a), abs(b), 1)
        default: false
        }
    }

    static func read(_ connection: PostgresConnection) throws -> [DailyBlocksRow] {
        try connection.query("""
            SELECT to_char(day, 'YYYY-MM-DD'), blocks, first_height, last_height, \(exact("size_mean")), size_min,
                   size_max, \(exact("interval_mean")), interval_min, interval_max, difficulty_mean, hashrate,
                   \(exact("subsidy_sum")), \(exact("fee_sum")), \(exact("fee_mean")), \(exact("reward_sum")),
                   \(exact("reward_mean")), \(exact("issued_total"))
            FROM stats.daily_blocks ORDER BY day
            """).map { row in
            DailyBlocksRow(
                day: try row.string(0), blocks: try row.int(1), firstHeight: try row.decode(at: 2),
                lastHeight: try row.decode(at: 3), sizeMean: try row.decode(at: 4), sizeMin: try row.decode(at: 5),
                sizeMax: try row.decode(at: 6), intervalMean: try row.decode(at: 7), intervalMin: try row.decode(at: 8),
                intervalMax: try row.decode(at: 9), difficultyMean: try row.decode(at: 10),
                hashrate: try row.decode(at: 11), subsidySum: try row.string(12), feeSum: try row.string(13),
                feeMean: try row.decode(at: 14), rewardSum: try row.string(15), rewardMean: try row.decode(at: 16),
                issuedTotal: try row.string(17))
        }
    }
}

/// One row of `stats.daily_transactions`, numerics as exact text (see `DailyBlocksRow`).
struct DailyTransactionsRow: Equatable, CustomStringConvertible {
    var day: String
    var type: String
    var count: Int64
    var amountSum: String
    var feeSum: String
    var feeMean: String?
    var feeMin: Int64?
    var feeMax: Int64?
    var inputCount: Int64
    var outputCount: Int64

    var description: String {
        "\(day) \(type): \(count) tx, amount \(amountSum), fees \(feeSum) mean \(feeMean ?? "-") "
            + "min \(feeMin.map(String.init) ?? "-") max \(feeMax.map(String.init) ?? "-"), in \(inputCount) out \(outputCount)"
    }

    static func read(_ connection: PostgresConnection) throws -> [DailyTransactionsRow] {
        try connection.query("""
            SELECT to_char(day, 'YYYY-MM-DD'), tx_type, tx_count, \(exact("amount_sum")), \(exact("fee_sum")),
                   \(exact("fee_mean")), fee_min, fee_max, input_count, output_count
            FROM stats.daily_transactions ORDER BY day, tx_type
            """).map { row in
            DailyTransactionsRow(
                day: try row.string(0), type: try row.string(1), count: try row.int64(2), amountSum: try row.string(3),
                feeSum: try row.string(4), feeMean: try row.decode(at: 5), feeMin: try row.decode(at: 6),
                feeMax: try row.decode(at: 7), inputCount: try row.int64(8), outputCount: try row.int64(9))
        }
    }
}

/// One row of `stats.block_windows`, numerics as exact text.
struct BlockWindowRow: Equatable, CustomStringConvertible {
    var period: String
    var bucket: Int
    var lowerHeight: Int64
    var upperHeight: Int64
    var blocks: Int
    var difficultyMean: Double
    var volumeSum: String
    var volumeMin: String
    var volumeMax: String
    var txCount: Int64
    var volumeMean: String?

    var description: String {
        "\(period) #\(bucket) \(lowerHeight)...\(upperHeight) (\(blocks)): difficulty \(difficultyMean), volume "
            + "\(volumeSum) min \(volumeMin) max \(volumeMax), \(txCount) tx, mean \(volumeMean ?? "-")"
    }

    /// Equal, with the mean difficulty within a relative 1e-12.
    func matches(_ other: BlockWindowRow) -> Bool {
        var theirs = other
        guard DailyBlocksRow.close(difficultyMean, other.difficultyMean) else { return false }
        theirs.difficultyMean = difficultyMean
        return self == theirs
    }

    static func read(_ connection: PostgresConnection, period: String) throws -> [BlockWindowRow] {
        try connection.query("""
            SELECT period, bucket, lower_height, upper_height, blocks, difficulty_mean, \(exact("volume_sum")),
                   \(exact("volume_min")), \(exact("volume_max")), tx_count, \(exact("volume_mean"))
            FROM stats.block_windows WHERE period = $1 ORDER BY bucket
            """, [period]).map { row in
            BlockWindowRow(
                period: try row.string(0), bucket: try row.int(1), lowerHeight: try row.int64(2),
                upperHeight: try row.int64(3), blocks: try row.int(4), difficultyMean: try row.decode(at: 5),
                volumeSum: try row.string(6), volumeMin: try row.string(7), volumeMax: try row.string(8),
                txCount: try row.int64(9), volumeMean: try row.decode(at: 10))
        }
    }
}

/// A numeric column as exact decimal text, rounded to 6 places, trailing zeros removed.
private func exact(_ column: String) -> String {
    "trim_scale(round(\(column), 6))::text"
}
