import ChainETL
import Foundation
import TestSupport

/// What the end-to-end tests of the `scrape` executable share: the environment a cron line would set, and the
/// few facts they read back from the database (landing-zone size, `etl.job_runs`).
enum ScrapeProcessHarness {
    static let scrape = ToolExecutable(name: "scrape")

    /// The variables a user sets: the complete connection string and the node URL, nothing else (the child
    /// inherits no `PG*` variables, so the connection string alone must be enough).
    static func environment(database: TestDatabase, nodeURL: String, extra: [String: String] = [:]) -> [String: String] {
        ["DATABASE_URL": database.connectionString, "NODE_RPC_URL": nodeURL].merging(extra) { _, new in new }
    }

    /// Blocks stored in the landing zone (0 before the first migration).
    static func storedBlockCount(_ database: TestDatabase, on connection: PostgresConnection) throws -> Int {
        let exists = try connection.query("SELECT to_regclass('raw.blocks') IS NOT NULL")[0].bool(0)
        guard exists else { return 0 }
        return try connection.query("SELECT count(*) FROM raw.blocks")[0].int(0)
    }

    /// One row of `etl.job_runs`.
    struct JobRunRow: Equatable, CustomStringConvertible {
        var id: Int64
        var pid: Int32
        var status: String

        var description: String { "#\(id) pid \(pid) \(status)" }
    }

    /// The scrape rows of `etl.job_runs`, oldest first.
    static func jobRuns(_ database: TestDatabase) throws -> [JobRunRow] {
        let connection = try database.connect()
        return try connection.query("SELECT id, pid, status FROM etl.job_runs WHERE tool = 'scrape' ORDER BY id").map {
            JobRunRow(id: try $0.int64(0), pid: Int32(try $0.int(1)), status: try $0.string(2))
        }
    }

    /// A TCP port on 127.0.0.1 where nothing listens (bound once by the kernel's choice, then released).
    static func unusedPort() throws -> UInt16 {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TestDatabaseError("socket() failed") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { throw TestDatabaseError("bind() to 127.0.0.1:0 failed") }
        return UInt16(bigEndian: address.sin_port)
    }
}
