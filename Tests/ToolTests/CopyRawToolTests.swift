import ChainETL
import Foundation
import SimNode
import TestSupport
import Testing

/// The `copy-raw` executable's contract: one run at a time, exit codes, one-line errors, the summary line.
@Suite("copy-raw: exit codes, lock and output")
struct CopyRawToolTests {
    private static let copyRaw = ToolExecutable(name: "copy-raw")

    @Test("allocates through jemalloc with its settings (MALLOC_CONF only adds a statistics print here)")
    func allocator() throws {
        let run = try Self.copyRaw.run(["--help"], environment: ["MALLOC_CONF": "stats_print:true"])
        #expect(run.status == 0)
        #expect(run.standardError.contains("jemalloc statistics"), "copy-raw is not linked with jemalloc")
        #expect(run.standardError.contains("opt.oversize_threshold: 0"), "copy-raw's malloc_conf was not read")
    }

    @Test("copies, prints one summary line, and a second run finds nothing to do", .temporaryDatabase)
    func copiesOnce() throws {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 3, initialBlocks: 120, transactionsPerBlock: 3))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url)
        let environment = ["DATABASE_URL": database.connectionString]
        let first = try Self.copyRaw.run([], environment: environment)
        #expect(first.status == 0, "\(first)")
        #expect(first.standardOutput.split(separator: "\n").count == 1, "\(first.standardOutput)")
        #expect(first.standardOutput.contains("copy-raw") && first.standardOutput.contains("121 blocks"), "\(first.standardOutput)")
        let second = try Self.copyRaw.run([], environment: environment)
        #expect(second.status == 0, "\(second)")
        #expect(second.standardOutput.contains("0 blocks"), "\(second.standardOutput)")
        let statuses = try database.connect().query(
            "SELECT status, rows_out FROM etl.job_runs WHERE tool = 'copy-raw' ORDER BY id").map { try $0.string(0) }
        #expect(statuses == ["success", "success"])
    }

    @Test("libpq's PG variables written in --env-file reach libpq, as the file's other settings do", .temporaryDatabase)
    func libpqVariablesFromEnvironmentFile() throws {
        let database = try TestDatabase.current
        let server = try database.connect().query("SELECT current_setting('port'), current_user")[0]
        var lines = ["DATABASE_URL=", "PGPORT=\(try server.string(0))", "PGUSER=\(try server.string(1))",
                     "PGDATABASE=\(database.name)", "PGAPPNAME="]
        if let host = ProcessInfo.processInfo.environment["PGHOST"], !host.isEmpty { lines.append("PGHOST=\(host)") }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("chain-etl-\(database.name).env")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }

        // Nothing in the process's own environment says where the database is.
        let run = try Self.copyRaw.run(["--env-file", file.path], environment: [:])
        #expect(run.status == 0, "\(run)")
        #expect(run.standardOutput.contains("0 blocks"), "\(run.standardOutput)")
        #expect(try database.connect().query("SELECT count(*) FROM etl.job_runs WHERE tool = 'copy-raw'")[0].int(0) == 1)
    }

    @Test("while another session holds the copy-raw lock: exit 3, one line, nothing changed", .temporaryDatabase)
    func busy() throws {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 4, initialBlocks: 110, transactionsPerBlock: 2))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url)
        let environment = ["DATABASE_URL": database.connectionString]
        try #require(try Self.copyRaw.run([], environment: environment).status == 0)
        node.mine(3)
        try QuietScrape.run(database: database, nodeURL: url)
        let connection = try database.connect()
        let before = try ChainSnapshot.read(connection)
        let lock = try ToolLock.acquire(tool: "copy-raw", on: connection)
        let busy = try Self.copyRaw.run([], environment: environment)
        #expect(busy.status == ExitStatus.busy.rawValue, "\(busy)")
        #expect(busy.standardError.split(separator: "\n").count == 1 && busy.standardError.contains("lock"), "\(busy.standardError)")
        #expect(try ChainSnapshot.read(connection) == before)
        try lock.release(on: connection)
        #expect(try Self.copyRaw.run([], environment: environment).status == 0)
        #expect(try ChainSnapshot.read(connection) != before)
    }

    @Test("usage errors exit 2; an unreachable raw database exits 1 naming it with the password masked", .temporaryDatabase)
    func failures() throws {
        let database = try TestDatabase.current
        let usage = try Self.copyRaw.run(["--prune-raw-older-than", "soon"], environment: ["DATABASE_URL": database.connectionString])
        #expect(usage.status == ExitStatus.usage.rawValue, "\(usage)")
        #expect(usage.standardError.contains("--prune-raw-older-than"))

        let port = try ScrapeProcessHarness.unusedPort()
        let unreachable = try Self.copyRaw.run([], environment: [
            "DATABASE_URL": database.connectionString,
            "RAW_DATABASE_URL": "postgresql://etl:Sup3rSecret@127.0.0.1:\(port)/raw",
        ])
        #expect(unreachable.status == ExitStatus.failure.rawValue, "\(unreachable)")
        #expect(unreachable.standardError.split(separator: "\n").count == 1, "\(unreachable.standardError)")
        #expect(unreachable.standardError.contains("127.0.0.1"))
        #expect(!unreachable.standardError.contains("Sup3rSecret"))
    }
}
