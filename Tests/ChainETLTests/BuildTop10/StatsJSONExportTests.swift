import ChainETL
import Foundation
import Testing
import TestSupport

/// `--export-json DIR`: one file per `stats` table except the per-address ones, that parses and matches its
/// table, and a failed export leaves the previous files exactly as they were.
@Suite("build-top10: --export-json", .temporaryDatabase)
struct StatsJSONExportTests {
    /// A fresh directory, removed by the caller.
    private static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("top10-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every file's bytes by name.
    private static func contents(of directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            var isDirectory: ObjCBool = false
            let path = directory.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return files
    }

    /// The crafted chain, wallet-stats' (empty) tables, a table standing for a later tool's daily table (a sum
    /// beyond Int64, a date, a time), and one keyed by block height (left out, like the per-address tables).
    private static func prepare(_ database: TestDatabase) throws -> PostgresConnection {
        let connection = try database.connect()
        var chain = try TopTablesFixture.prepare(connection)
        try TopTablesFixture.mine(&chain)
        try connection.executeScript("""
            CREATE TABLE stats.test_daily_extra (day date PRIMARY KEY, blocks integer, fee_sum numeric,
                                                 hashrate double precision, note text, at timestamptz, ok boolean);
            INSERT INTO stats.test_daily_extra VALUES
                ('2020-09-13', 3, 123456789012345678901234, 1.5e-07, 'a "quoted" note', '2020-09-13 12:26:40.25+00', true),
                ('2020-09-14', 2, 12.5, NULL, NULL, NULL, false);
            CREATE TABLE stats.test_per_block (height bigint PRIMARY KEY, fee_sum numeric);
            INSERT INTO stats.test_per_block VALUES (0, 0), (1, 5);
            """)
        return connection
    }

    /// The names of the base tables of schema `stats`, read independently of the exporter.
    private static func statsTables(_ connection: PostgresConnection) throws -> Set<String> {
        Set(try connection.query("""
            SELECT table_name FROM information_schema.tables WHERE table_schema = 'stats' AND table_type = 'BASE TABLE'
            """).map { try $0.string(0) })
    }

    @Test("every stats table but the per-address and per-block ones, each parsing back into exactly its table's rows")
    func filesMatchTables() throws {
        let database = try TestDatabase.current
        let connection = try Self.prepare(database)
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        let summary = try QuietBuildTop10.run(database: database) { $0.exportDirectory = directory.path }
        let tables = try Self.statsTables(connection)
        #expect(tables.isSuperset(of: [
            "address_stats", "address_daily", "top_richest", "network_status", "test_daily_extra", "test_per_block",
        ]))
        let expected = Set(tables.filter { !$0.hasPrefix("address_") && $0 != "test_per_block" }.map { $0 + ".json" })
        let files = try Self.contents(of: directory)
        #expect(Set(files.keys) == expected)
        #expect(Set(summary.exportedFiles) == expected)

        for (name, data) in files {
            let table = String(name.dropLast(".json".count))
            let text = String(decoding: data, as: UTF8.self)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(name)")
            #expect(object["table"] as? String == "stats." + table)
            #expect(object["height"] as? Int == 4)
            #expect(object["decimals"] as? Int == 8)
            // PostgreSQL parses the rows back into the table's own row type: the file and the table hold the same
            // multiset of rows (amount strings, ISO times, numbers and nulls all read back exactly).
            let quoted = PostgresIdentifier.quoted(table)
            let difference = try connection.query("""
                WITH parsed AS (SELECT * FROM json_populate_recordset(NULL::stats.\(quoted), $1::json -> 'rows'))
                SELECT (SELECT count(*) FROM (SELECT * FROM parsed EXCEPT ALL SELECT * FROM stats.\(quoted)) a)
                     + (SELECT count(*) FROM (SELECT * FROM stats.\(quoted) EXCEPT ALL SELECT * FROM parsed) b),
                       (SELECT count(*) FROM parsed)
                """, [text])[0]
            #expect(try difference.int(0) == 0, "\(name) differs from its table")
            #expect(try difference.int(1) == connection.query("SELECT count(*) FROM stats.\(quoted)")[0].int(0))
            // Every <amount>_coins is its amount divided by 10^8, exactly.
            let wrongCoins = try connection.query("""
                SELECT count(*) FROM json_array_elements($1::json -> 'rows') e, json_each_text(e) c
                WHERE c.key LIKE '%\\_coins' AND c.value::numeric * 100000000 IS DISTINCT FROM (e ->> left(c.key, -6))::numeric
                """, [text])[0].int(0)
            #expect(wrongCoins == 0, "\(name)")
        }

        let richest = try #require(try JSONSerialization.jsonObject(with: files["top_richest.json"]!) as? [String: Any])
        let rows = try #require(richest["rows"] as? [[String: Any]])
        #expect(rows.map { $0["rank"] as? Int } == Array(1...7))
        #expect(rows[0]["address"] as? String == "1Carol")
        #expect(rows[0]["balance"] as? String == "7500000000")
        #expect(rows[0]["balance_coins"] as? String == "75.00000000")
        #expect(rows[0]["label"] is NSNull)
        let extra = String(decoding: files["test_daily_extra.json"]!, as: UTF8.self)
        #expect(extra.contains(#""fee_sum":"123456789012345678901234","fee_sum_coins":"1234567890123456.78901234""#))
        #expect(extra.contains(#""at":"2020-09-13T12:26:40.25Z","ok":true"#))
        let status = String(decoding: files["network_status.json"]!, as: UTF8.self)
        #expect(status.contains(#""supply":"19890000000","supply_coins":"198.90000000""#))
    }

    @Test("an export that cannot read a table leaves every previous file as it was")
    func failedReadKeepsPreviousFiles() throws {
        let database = try TestDatabase.current
        let connection = try Self.prepare(database)
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try QuietBuildTop10.run(database: database) { $0.exportDirectory = directory.path }
        let before = try Self.contents(of: directory)

        // New content for top_richest, and a table the export cannot read (another session holds it exclusively).
        try connection.execute("INSERT INTO etl.address_labels (address, label, category) VALUES ('1Carol', 'Carol', 'x')")
        let holder = try database.connect()
        try holder.executeScript("BEGIN; LOCK TABLE stats.test_daily_extra IN ACCESS EXCLUSIVE MODE")
        #expect(throws: PostgresError.self) {
            try QuietBuildTop10.run(database: database) {
                $0.exportDirectory = directory.path
                $0.exportLockTimeoutMilliseconds = 200
            }
        }
        try holder.executeScript("ROLLBACK")
        #expect(try Self.contents(of: directory) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count == before.count)
        #expect(try TopTableRows.rows(connection, """
            SELECT status FROM etl.job_runs WHERE tool = 'build-top10' ORDER BY id
            """) == [["success"], ["failure"]])
        // The rebuild itself committed before the export failed.
        #expect(try TopTableRows.richest(connection)[0][4] == "Carol")

        try QuietBuildTop10.run(database: database) { $0.exportDirectory = directory.path }
        let after = try Self.contents(of: directory)
        #expect(after.keys == before.keys)
        #expect(String(decoding: after["top_richest.json"]!, as: UTF8.self).contains(#""label":"Carol""#))
    }

    @Test("an export that cannot replace one file writes none of them and leaves no temporary file")
    func failedPublishKeepsPreviousFiles() throws {
        let database = try TestDatabase.current
        let connection = try Self.prepare(database)
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try QuietBuildTop10.run(database: database) { $0.exportDirectory = directory.path }
        let before = try Self.contents(of: directory)

        // A new table whose file name is taken by a directory: it cannot be renamed into place.
        try connection.executeScript("CREATE TABLE stats.zz_blocked (id integer PRIMARY KEY); INSERT INTO stats.zz_blocked VALUES (1)")
        let obstacle = directory.appendingPathComponent("zz_blocked.json")
        try FileManager.default.createDirectory(at: obstacle.appendingPathComponent("inside"), withIntermediateDirectories: true)
        try connection.execute("INSERT INTO etl.address_labels (address, label, category) VALUES ('1Carol', 'Carol', 'x')")

        let error = #expect(throws: BuildTop10Error.self) {
            try QuietBuildTop10.run(database: database) { $0.exportDirectory = directory.path }
        }
        guard case .exportFailed(_, let reason, let filesReplaced) = error else {
            Issue.record("expected exportFailed, got \(String(describing: error))")
            return
        }
        #expect(filesReplaced == 0)
        #expect(reason.contains("zz_blocked.json"))
        #expect(error?.description.contains("left unchanged") == true)
        #expect(try Self.contents(of: directory) == before)
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        #expect(names == Set(before.keys).union(["zz_blocked.json"]))

        try FileManager.default.removeItem(at: obstacle)
        try QuietBuildTop10.run(database: database) { $0.exportDirectory = directory.path }
        #expect(try Self.contents(of: directory).keys.contains("zz_blocked.json"))
    }

    @Test("temporary files a killed export left are removed; a path that is a file is a usage error")
    func directoryHousekeeping() throws {
        let database = try TestDatabase.current
        _ = try Self.prepare(database)
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let leftover = directory.appendingPathComponent(".top_richest.json.tmp-build-top10-4242")
        try Data("half a fi".utf8).write(to: leftover)
        let unrelated = directory.appendingPathComponent("index.html")
        try Data("<html>".utf8).write(to: unrelated)

        try QuietBuildTop10.run(database: database) { $0.exportDirectory = directory.path }
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(FileManager.default.fileExists(atPath: unrelated.path))

        let nested = directory.appendingPathComponent("api/v1")
        try QuietBuildTop10.run(database: database) { $0.exportDirectory = nested.path }
        #expect(FileManager.default.fileExists(atPath: nested.appendingPathComponent("network_status.json").path))

        let error = #expect(throws: BuildTop10Error.self) {
            try QuietBuildTop10.run(database: database) { $0.exportDirectory = unrelated.path }
        }
        #expect(error?.exitStatus == .usage)
    }
}
