import ChainETL
import Foundation
import Testing
import TestSupport

/// transaction { } commits or rolls back as a unit; the retrying variant survives real serialization failures.
@Suite(.temporaryDatabase) struct PostgresTransactionTests {
    struct Boom: Error, Equatable {}

    @Test func thrownErrorRollsBackAndIsRethrownUnchanged() throws {
        let connection = try TestDatabase.current.connect()
        try connection.executeScript("CREATE TABLE items (id bigint)")
        #expect(throws: Boom()) {
            try connection.transaction { connection in
                try connection.execute("INSERT INTO items VALUES (1)")
                throw Boom()
            }
        }
        #expect(!connection.isInTransaction)
        #expect(try connection.query("SELECT count(*) FROM items")[0].int(0) == 0)
        let value = try connection.transaction { try $0.execute("INSERT INTO items VALUES (2)") }
        #expect(value == 1)
        #expect(try connection.query("SELECT count(*) FROM items")[0].int(0) == 1)
    }

    @Test func nestedTransactionIsAnError() throws {
        let connection = try TestDatabase.current.connect()
        let error = try #require(throws: PostgresError.self) {
            try connection.transaction { connection in
                try connection.transaction { _ in }
            }
        }
        #expect(error.kind == .misuse)
        #expect(!connection.isInTransaction)
    }

    @Test func swallowedSQLErrorDoesNotPretendToCommit() throws {
        let connection = try TestDatabase.current.connect()
        try connection.executeScript("CREATE TABLE items (id bigint PRIMARY KEY)")
        let error = try #require(throws: PostgresError.self) {
            try connection.transaction { connection in
                try connection.execute("INSERT INTO items VALUES (1)")
                _ = try? connection.execute("INSERT INTO items VALUES (1)")
            }
        }
        #expect(error.kind == .misuse)
        #expect(try connection.query("SELECT count(*) FROM items")[0].int(0) == 0)
    }

    @Test func serializationFailureIsRetriedUntilItSucceeds() throws {
        let database = try TestDatabase.current
        let recorder = DatabaseLogRecorder()
        let first = try database.connect(logger: recorder.logger())
        let rival = try database.connect()
        try first.executeScript("CREATE TABLE doctors (name text, on_call boolean); INSERT INTO doctors VALUES ('a', true), ('b', true)")

        var attempts = 0
        let policy = TransactionRetryPolicy(maxAttempts: 3, baseDelay: 0.001, maxDelay: 0.01)
        try first.retryingTransaction(isolation: .serializable, policy: policy) { connection in
            attempts += 1
            let onCall = try connection.query("SELECT count(*) FROM doctors WHERE on_call")[0].int(0)
            if attempts == 1 {
                // Write skew: the rival reads the same set, changes it and commits first.
                try rival.transaction(isolation: .serializable) { rival in
                    _ = try rival.query("SELECT count(*) FROM doctors WHERE on_call")
                    try rival.execute("UPDATE doctors SET on_call = false WHERE name = 'b'")
                }
            }
            if onCall >= 2 {
                try connection.execute("UPDATE doctors SET on_call = false WHERE name = 'a'")
            }
        }
        #expect(attempts == 2)
        #expect(recorder.entries.contains { $0.metadata["postgres.sqlstate"] == "40001" })
        // The retry saw the rival's change and kept one doctor on call.
        #expect(try first.query("SELECT count(*) FROM doctors WHERE on_call")[0].int(0) == 1)
    }

    @Test func retriesAreBounded() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var attempts = 0
        let error = try #require(throws: PostgresError.self) {
            try connection.retryingTransaction(policy: TransactionRetryPolicy(maxAttempts: 3, baseDelay: 0.001)) { connection in
                attempts += 1
                try connection.executeScript("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = 'serialization_failure'; END $$")
            }
        }
        #expect(error.sqlState == "40001")
        #expect(error.isTransient)
        #expect(attempts == 3)
    }
}
