/// The four distribution tables `wallet-stats` rebuilds from `stats.address_stats` at every run, each with the
/// set-based SQL that computes its content into a temporary twin (`pg_temp.<name>`).
///
/// Rankings sort balances only, not (balance, address): equal balances are interchangeable, so which of two tied
/// addresses falls into a percentile group or into the top N changes no count, sum, minimum or maximum. The
/// result is that of SPEC.md's order by (balance, address) and the sort compares integers, not text.
enum DistributionTable: String, CaseIterable {
    case balanceThresholds = "balance_thresholds"
    case balancePercentiles = "balance_percentiles"
    case topShare = "top_share"
    case labelHoldings = "label_holdings"

    /// `stats.<name>`.
    var qualifiedName: String { "stats." + rawValue }

    /// The columns, in table order.
    var columns: [String] {
        switch self {
        case .balanceThresholds: return ["threshold", "addresses", "balance_sum"]
        case .balancePercentiles:
            return ["percentile", "addresses", "balance_sum", "balance_min", "balance_max", "balance_mean", "share"]
        case .topShare: return ["top_n", "addresses", "balance_sum", "share"]
        case .labelHoldings: return ["category", "addresses", "nonempty_addresses", "balance_sum", "share"]
        }
    }

    /// Fills `pg_temp.<name>`. Parameters: thresholds take the chain's default ladder (`$1`, bigint[]), used
    /// while `etl.balance_thresholds` is empty; top_share takes the list of N (`$1`, integer[]).
    var freshContentSQL: String {
        switch self {
        case .balanceThresholds:
            // One pass: each address falls in the bucket of the highest threshold it reaches (width_bucket), and
            // a threshold's count is the sum of its bucket and all higher ones.
            return """
                WITH configured AS (
                    SELECT threshold FROM etl.balance_thresholds
                    UNION
                    SELECT unnest($1::bigint[]) WHERE NOT EXISTS (SELECT 1 FROM etl.balance_thresholds)
                ), ladder AS (
                    SELECT threshold, row_number() OVER (ORDER BY threshold) AS position FROM configured
                ), bounds AS (
                    SELECT array_agg(threshold ORDER BY threshold) AS bounds FROM configured
                ), buckets AS (
                    SELECT width_bucket(s.balance, bounds.bounds) AS bucket, count(*) AS addresses,
                           sum(s.balance) AS balance_sum
                    FROM stats.address_stats s CROSS JOIN bounds
                    WHERE s.balance >= bounds.bounds[1]
                    GROUP BY 1
                )
                INSERT INTO pg_temp.balance_thresholds (threshold, addresses, balance_sum)
                SELECT l.threshold, coalesce(sum(b.addresses), 0), coalesce(sum(b.balance_sum), 0)
                FROM ladder l
                LEFT JOIN buckets b ON b.bucket >= l.position
                GROUP BY l.threshold
                """
        case .balancePercentiles:
            return """
                WITH ranked AS (
                    SELECT balance, ntile(100) OVER (ORDER BY balance) AS percentile
                    FROM stats.address_stats
                    WHERE balance > 0
                ), groups AS (
                    SELECT percentile, count(*) AS addresses, sum(balance) AS balance_sum,
                           min(balance) AS balance_min, max(balance) AS balance_max
                    FROM ranked
                    GROUP BY percentile
                )
                INSERT INTO pg_temp.balance_percentiles (percentile, addresses, balance_sum, balance_min, balance_max,
                                                         balance_mean, share)
                SELECT percentile, addresses, balance_sum, balance_min, balance_max,
                       round(balance_sum / addresses, 8),
                       round(balance_sum * 100 / sum(balance_sum) OVER (), 8)
                FROM groups
                """
        case .topShare:
            return """
                WITH tip AS (
                    SELECT supply FROM chain.blocks ORDER BY height DESC LIMIT 1
                ), ranked AS (
                    SELECT balance, row_number() OVER (ORDER BY balance DESC) AS rank
                    FROM (
                        SELECT balance FROM stats.address_stats
                        WHERE balance > 0
                        ORDER BY balance DESC
                        LIMIT (SELECT max(n) FROM unnest($1::integer[]) AS n)
                    ) top
                )
                INSERT INTO pg_temp.top_share (top_n, addresses, balance_sum, share)
                SELECT n.top_n, count(r.rank), coalesce(sum(r.balance), 0),
                       round(coalesce(sum(r.balance), 0) * 100 / NULLIF((SELECT supply FROM tip), 0), 8)
                FROM unnest($1::integer[]) AS n(top_n)
                LEFT JOIN ranked r ON r.rank <= n.top_n
                GROUP BY n.top_n
                """
        case .labelHoldings:
            return """
                WITH tip AS (
                    SELECT supply FROM chain.blocks ORDER BY height DESC LIMIT 1
                )
                INSERT INTO pg_temp.label_holdings (category, addresses, nonempty_addresses, balance_sum, share)
                SELECT l.category, count(*), count(*) FILTER (WHERE s.balance > 0), coalesce(sum(s.balance), 0),
                       round(coalesce(sum(s.balance), 0) * 100 / NULLIF((SELECT supply FROM tip), 0), 8)
                FROM etl.address_labels l
                LEFT JOIN stats.address_stats s ON s.address = l.address
                GROUP BY l.category
                """
        }
    }
}
