import ChainETL
import Testing
import TestSupport

/// The rules are data: `etl.validation_rules` has a row for every rule an operator may switch off, and what
/// the rows say is what a run checks.
@Suite("ValidationRules read from etl.validation_rules", .temporaryDatabase)
struct ValidationRulesLoadingTests {
    private static func migratedConnection() throws -> PostgresConnection {
        let connection = try TestDatabase.current.connect()
        try MigrationRunner(connection: connection, logger: connection.logger).apply([CoreMigrations.track, ChainSchema.track])
        return connection
    }

    @Test("as shipped: every rule but `readable` (always on) has a row, switched on, with the chain's facts")
    func defaults() throws {
        let connection = try Self.migratedConnection()
        let names = try connection.query("SELECT rule FROM etl.validation_rules ORDER BY rule").map { try $0.string(0) }
        #expect(Set(names) == Set(ValidationRule.allCases.filter { $0 != .readable }.map(\.rawValue)))
        for chain in [Chain.bitcoin, .litecoin, .dogecoin] {
            let rules = try ValidationRules.load(from: connection, parameters: chain.parameters)
            #expect(rules.enabled == Set(ValidationRule.allCases).subtracting([.readable]))
            #expect(rules.maximumAmount == chain.parameters.maximumMoney)
            #expect(rules.initialSubsidy == chain.parameters.initialSubsidy)
            #expect(rules.halvingInterval == chain.parameters.halvingInterval.map(Int64.init))
        }
    }

    @Test("switched-off rules are dropped and parameters override the chain's defaults")
    func overrides() throws {
        let connection = try Self.migratedConnection()
        try connection.execute("UPDATE etl.validation_rules SET enabled = false WHERE rule IN ('merkle_root', 'address_decodes')")
        try connection.execute("UPDATE etl.validation_rules SET parameter = 1000 WHERE rule = 'amount_range'")
        try connection.execute("UPDATE etl.validation_rules SET parameter = 150 WHERE rule = 'coinbase_within_reward'")
        let rules = try ValidationRules.load(from: connection, parameters: Chain.bitcoin.parameters)
        #expect(!rules.checks(.merkleRoot) && !rules.checks(.addressDecodes))
        #expect(rules.checks(.countsMatch) && rules.checks(.spentOutputKnown))
        #expect(rules.maximumAmount == 1_000)
        #expect(rules.halvingInterval == 150)
        #expect(rules.subsidy(atHeight: 150) == 2_500_000_000)
        // A parameter on a switched-off rule changes nothing.
        try connection.execute("UPDATE etl.validation_rules SET enabled = false, parameter = 7 WHERE rule = 'amount_range'")
        #expect(try ValidationRules.load(from: connection, parameters: Chain.bitcoin.parameters).maximumAmount
            == Chain.bitcoin.parameters.maximumMoney)
    }
}
