import ChainETL
import Foundation
import Testing

/// SPEC.md, "Day": the UTC calendar day of the block's header time, whatever this machine's time zone.
@Suite("aggregate-daily: UTC days")
struct AggregateDailyUTCDayTests {
    @Test("the last second of a day and the first of the next fall on different days")
    func midnightBoundary() {
        let midnight = Date(timeIntervalSince1970: 1_609_459_200)  // 2021-01-01T00:00:00Z
        #expect(UTCDay(containing: midnight).description == "2021-01-01")
        #expect(UTCDay(containing: midnight.addingTimeInterval(-1)).description == "2020-12-31")
        #expect(UTCDay(containing: midnight.addingTimeInterval(86_399)).description == "2021-01-01")
        #expect(UTCDay(containing: midnight.addingTimeInterval(86_400)).description == "2021-01-02")
        #expect(UTCDay(containing: midnight).start == midnight)
    }

    @Test("times before 1970 round down to their own day")
    func beforeEpoch() {
        #expect(UTCDay(containing: Date(timeIntervalSince1970: -1)).description == "1969-12-31")
        #expect(UTCDay(containing: Date(timeIntervalSince1970: -86_400)).description == "1969-12-31")
        #expect(UTCDay(containing: Date(timeIntervalSince1970: -86_401)).description == "1969-12-30")
    }

    @Test("parsing and printing round-trip across leap days and centuries",
          arguments: ["1970-01-01", "2000-02-29", "2009-01-03", "2024-02-29", "2024-12-31", "2100-03-01", "0001-01-01"])
    func roundTrip(_ text: String) throws {
        let day = try #require(UTCDay(parsing: text))
        #expect(day.description == text)
        #expect(UTCDay(containing: day.start) == day)
        #expect(day.next.previous == day)
    }

    @Test("day numbers agree with the calendar")
    func dayNumbers() throws {
        #expect(try #require(UTCDay(parsing: "1970-01-01")).daysSinceEpoch == 0)
        #expect(try #require(UTCDay(parsing: "2009-01-03")).daysSinceEpoch == 14_247)
        #expect(try #require(UTCDay(parsing: "2024-03-01")).daysSinceEpoch
                - (try #require(UTCDay(parsing: "2024-02-28"))).daysSinceEpoch == 2)
        #expect(try #require(UTCDay(parsing: "2023-03-01")).daysSinceEpoch
                - (try #require(UTCDay(parsing: "2023-02-28"))).daysSinceEpoch == 1)
    }

    @Test("anything but a real YYYY-MM-DD day is refused",
          arguments: ["", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "24-01-01", "2024-1-01",
                      "2024/01/01", "2024-01-01T00:00:00Z", " 2024-01-01", "２０２４-01-01", "yesterday"])
    func invalid(_ text: String) {
        #expect(UTCDay(parsing: text) == nil)
    }
}
