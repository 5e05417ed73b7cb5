import ChainETL
import Testing
import TestSupport

/// Session advisory locks are exclusive between connections and released on unlock or disconnect.
@Suite(.temporaryDatabase) struct PostgresAdvisoryLockTests {
    @Test func lockHeldByOneConnectionIsRefusedToAnother() throws {
        let database = try TestDatabase.current
        let key = AdvisoryLockKey(name: "test:lock")
        let holder = try database.connect()
        let other = try database.connect()
        #expect(try holder.tryAdvisoryLock(key))
        #expect(try !other.tryAdvisoryLock(key))
        #expect(try holder.advisoryUnlock(key))
        #expect(try other.tryAdvisoryLock(key))
        #expect(try !holder.advisoryUnlock(key))
    }

    @Test func disconnectReleasesTheLock() throws {
        let database = try TestDatabase.current
        let key = AdvisoryLockKey(name: "test:disconnect")
        var holder: PostgresConnection? = try database.connect()
        #expect(try holder?.tryAdvisoryLock(key) == true)
        holder = nil
        // The server releases it when the backend exits, a moment after the disconnect: wait for it.
        let other = try database.connect()
        try other.executeScript("SET statement_timeout = '10s'")
        try other.advisoryLock(key)
        #expect(try other.advisoryUnlock(key))
    }
}
