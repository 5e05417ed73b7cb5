public import Testing

/// `@Test(.temporaryDatabase)`: the test runs with its own fresh database in `TestDatabase.current`, dropped
/// afterwards. With no reachable server the test is skipped (reported as skipped, never as passed), unless
/// `CI` is set: then it runs and fails with a message saying why.
public struct TemporaryDatabaseTrait: TestTrait, SuiteTrait, TestScoping {
    public var isRecursive: Bool { true }

    /// Skips the test up front when there is no server and no CI (the skip shows in the test report).
    public func prepare(for test: Test) async throws {
        try await ConditionTrait.enabled(if: DatabaseTestServer.shouldRunDatabaseTests,
                                         Comment(rawValue: DatabaseTestServer.unavailableMessage)).prepare(for: test)
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        // Suites get the trait recursively; only test functions need a database.
        guard !test.isSuite else { return try await function() }
        try await withTemporaryDatabase { database in
            try await TestDatabase.$scoped.withValue(database) { try await function() }
        }
    }
}

extension Trait where Self == TemporaryDatabaseTrait {
    /// A fresh database for each test, in `TestDatabase.current`.
    public static var temporaryDatabase: Self { TemporaryDatabaseTrait() }
}
