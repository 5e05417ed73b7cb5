public import Foundation

/// A UTC calendar day, the unit of the daily tables (SPEC.md: a block belongs to the UTC day of its header
/// time). Counted in days since 1970-01-01 so day arithmetic is integer arithmetic, independent of the time zone
/// of this machine or of the database session.
public struct UTCDay: Sendable, Hashable, Strideable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let daysSinceEpoch: Int

    /// The day `daysSinceEpoch` days after 1970-01-01.
    public init(daysSinceEpoch: Int) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// The UTC day that contains `date` (a block's header time).
    public init(containing date: Date) {
        daysSinceEpoch = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// Parses `YYYY-MM-DD` (the form `--from`/`--to` take and PostgreSQL prints); nil for anything else,
    /// including impossible dates such as 2023-02-29.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...Self.daysInMonth(month, year: year)).contains(day)
        else { return nil }
        daysSinceEpoch = Int(PostgresTimestamp.daysSinceEpoch(year: Int64(year), month: Int64(month), day: Int64(day)))
    }

    /// The day's first instant (00:00:00 UTC).
    public var start: Date { Date(timeIntervalSince1970: Double(daysSinceEpoch) * 86_400) }

    /// The day after.
    public var next: UTCDay { UTCDay(daysSinceEpoch: daysSinceEpoch + 1) }
    /// The day before.
    public var previous: UTCDay { UTCDay(daysSinceEpoch: daysSinceEpoch - 1) }

    /// `YYYY-MM-DD`, the spelling PostgreSQL reads as a `date` whatever its DateStyle.
    public var description: String {
        let (year, month, day) = PostgresTimestamp.civilDate(fromDaysSinceEpoch: Int64(daysSinceEpoch))
        return Self.padded(Int(year), 4) + "-" + Self.padded(Int(month), 2) + "-" + Self.padded(Int(day), 2)
    }

    /// Earlier days sort first.
    public static func < (lhs: UTCDay, rhs: UTCDay) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    /// Days from `self` to `other` (positive when `other` is later).
    public func distance(to other: UTCDay) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// The day `days` days later (earlier when negative).
    public func advanced(by days: Int) -> UTCDay { UTCDay(daysSinceEpoch: daysSinceEpoch + days) }

    private static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// Days bind as `YYYY-MM-DD` text, which PostgreSQL reads as a `date`.
extension UTCDay: PostgresBindable {
    public var postgresText: String? { description }
}

/// Days read from `date` columns; PostgreSQL prints ISO dates under its default DateStyle, and the queries of
/// this tool format dates with `to_char(…, 'YYYY-MM-DD')` so any DateStyle works.
extension UTCDay: PostgresDecodable {
    public init?(postgresText text: UnsafeBufferPointer<UInt8>) {
        self.init(parsing: String(decoding: text, as: UTF8.self))
    }
}
