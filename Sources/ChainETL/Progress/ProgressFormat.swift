/// The number and time formats of progress and summary lines. Pure functions, so the shapes users read
/// (`37.2 blocks/s`, `ETA 1m41s`, `1,200,000`) are tested without a terminal or a clock.
public enum ProgressFormat {
    /// Thousands separated by commas: `1200000` → `1,200,000`. Counts in summaries are scanned by eye.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// A rate with one decimal: `40.56` → `40.6`. Rounded in integers so no locale or formatter is involved.
    public static func rate(_ perSecond: Double) -> String {
        guard perSecond.isFinite, perSecond >= 0 else { return "0.0" }
        let tenths = Int((perSecond * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// A duration as people say it: `0.4s`, `12.3s`, `1m41s`, `2h05m`, `3d04h`. Under a minute tenths of a
    /// second matter; above, they are noise.
    public static func duration(seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds < 59.95 {
            return "\(rate(seconds))s"
        }
        let total = Int(seconds.rounded())
        let (days, hours, minutes, secs) = (total / 86_400, total / 3_600 % 24, total / 60 % 60, total % 60)
        if days > 0 { return "\(days)d\(twoDigits(hours))h" }
        if hours > 0 { return "\(hours)h\(twoDigits(minutes))m" }
        return "\(minutes)m\(twoDigits(secs))s"
    }

    /// Time left at the current rate, whole seconds (`1m41s`), or `?` while the rate is still unknown.
    public static func eta(remaining: Int, perSecond: Double) -> String {
        guard remaining > 0 else { return "0s" }
        guard perSecond > 0, perSecond.isFinite else { return "?" }
        let seconds = (Double(remaining) / perSecond).rounded(.up)
        return seconds < 60 ? "\(Int(seconds))s" : duration(seconds: seconds)
    }

    /// Seconds of a `Duration`, for rates and `duration(seconds:)`.
    public static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
