public import ChainETL

/// Configurations for running tools in-process against a test database and a loopback node.
public enum TestConfiguration {
    /// The configuration a user would get with these variables set.
    public static func make(
        database: TestDatabase, rawDatabase: TestDatabase? = nil, nodeURL: String, extra: [String: String] = [:]
    ) throws -> Configuration {
        var environment = [
            "DATABASE_URL": database.connectionString,
            "NODE_RPC_URL": nodeURL,
            "NODE_RPC_TIMEOUT_SECONDS": "10",
        ]
        if let rawDatabase { environment["RAW_DATABASE_URL"] = rawDatabase.connectionString }
        environment.merge(extra) { _, new in new }
        return try Configuration.load(environment: environment, environmentFile: nil)
    }
}
