/// What a table holds outside what it should: the parts of the stored span (lowest to highest key) that lie
/// outside the kept span (the chain's heights, days or buckets). A run deletes exactly those parts, as closed
/// ranges, after a reorg shortened the chain; normally there are none.
public enum RangeDifference {
    /// The parts of `stored` below and above `kept` (all of `stored` when nothing is kept).
    public static func parts<Bound: Strideable>(
        of stored: ClosedRange<Bound>?, outside kept: ClosedRange<Bound>?
    ) -> [ClosedRange<Bound>] where Bound.Stride: SignedInteger {
        guard let stored else { return [] }
        guard let kept else { return [stored] }
        var parts: [ClosedRange<Bound>] = []
        if stored.lowerBound < kept.lowerBound {
            parts.append(stored.lowerBound...min(stored.upperBound, kept.lowerBound.advanced(by: -1)))
        }
        if stored.upperBound > kept.upperBound {
            parts.append(max(stored.lowerBound, kept.upperBound.advanced(by: 1))...stored.upperBound)
        }
        return parts
    }
}
