/// Ages written the way operators write them on a command line (`90d`, `12h`, `2w`), for options such as
/// `--prune-raw-older-than`.
public enum DurationText {
    /// Seconds in `text`: a whole number followed by one unit, `s`, `m`, `h`, `d` or `w`; nil otherwise.
    public static func seconds(from text: String) -> Int64? {
        guard let unit = text.last, let number = Int64(text.dropLast()), number >= 0 else { return nil }
        let scale: Int64
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3_600
        case "d": scale = 86_400
        case "w": scale = 604_800
        default: return nil
        }
        let (seconds, overflow) = number.multipliedReportingOverflow(by: scale)
        return overflow ? nil : seconds
    }
}
