/// The Bitcoin Vault API's block windows (SPEC.md, "block windows"): which blocks a period covers and how they
/// are cut into numbered buckets. Pure arithmetic, so every boundary is tested without a database and the SQL
/// only receives the numbers.
public enum BlockWindowPeriod: String, Sendable, CaseIterable {
    /// The last 1008 blocks in buckets of 6, counted from the window's first block.
    case week
    /// The last 4320 blocks in buckets of 144, counted from the window's first block.
    case month
    /// Every block in buckets of 1008, counted from height 0.
    case all

    /// Blocks per bucket.
    public var bucketSize: Int64 {
        switch self {
        case .week: 6
        case .month: 144
        case .all: 1_008
        }
    }

    /// Blocks the window covers at most; nil for `all`.
    public var windowSize: Int64? {
        switch self {
        case .week: 1_008
        case .month: 4_320
        case .all: nil
        }
    }

    /// The heights the window covers on a chain holding `chain`: the last `windowSize` blocks, or all of them
    /// when there are fewer.
    public func window(chain: ClosedRange<Int64>) -> ClosedRange<Int64> {
        guard let windowSize else { return chain }
        return max(chain.upperBound - windowSize + 1, chain.lowerBound)...chain.upperBound
    }

    /// The height bucket 0 starts at: the window's first block, or height 0 for `all` (so an `all` bucket keeps
    /// its number and contents as the chain grows).
    public func origin(window: ClosedRange<Int64>) -> Int64 {
        self == .all ? 0 : window.lowerBound
    }

    /// The bucket holding `height`, for a window starting at `origin`.
    public func bucket(ofHeight height: Int64, origin: Int64) -> Int64 {
        (height - origin) / bucketSize
    }

    /// The heights bucket `bucket` can hold (its last may lie above the tip: a partial bucket).
    public func heights(ofBucket bucket: Int64, origin: Int64) -> ClosedRange<Int64> {
        let first = origin + bucket * bucketSize
        return first...(first + bucketSize - 1)
    }

    /// The buckets holding any of `heights`, for a window starting at `origin`.
    public func buckets(covering heights: ClosedRange<Int64>, origin: Int64) -> ClosedRange<Int64> {
        bucket(ofHeight: heights.lowerBound, origin: origin)...bucket(ofHeight: heights.upperBound, origin: origin)
    }
}
