import ChainETL
import Testing
import TestSupport

/// One run per tool and database.
@Suite(.temporaryDatabase) struct ToolLockTests {
    @Test func secondRunOfTheSameToolIsBusy() throws {
        let database = try TestDatabase.current
        let first = try database.connect()
        let second = try database.connect()
        let lock = try ToolLock.acquire(tool: "scrape", on: first)
        let error = try #require(throws: ToolBusyError.self) { try ToolLock.acquire(tool: "scrape", on: second) }
        #expect(error.exitStatus == .busy)
        #expect(error.description.hasPrefix("another scrape run holds the lock on "))
        #expect(error.description.hasSuffix("; nothing was changed"))
        #expect(error.description.contains(database.name))
        // Other tools are independent.
        try ToolLock.acquire(tool: "copy-raw", on: second)
        try lock.release(on: first)
        try ToolLock.acquire(tool: "scrape", on: second)
    }
}
