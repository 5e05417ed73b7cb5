import ChainETL
import Foundation
import Synchronization

/// Drops a tool's database session while it works, the way a server restart, a network cut or an idle timeout
/// would: a thread that terminates every active session of `database` with `applicationName` whose statement is
/// `LIKE statementPattern`, `times` times, pausing `pause` seconds after each so the tool gets somewhere before
/// the next cut.
public final class SessionTerminator: Sendable {
    private let terminated = Mutex(0)
    private let done = Mutex(false)

    /// Starts terminating on `database`'s server.
    public init(
        database: TestDatabase, applicationName: String, statementPattern: String = "%", times: Int, pause: Double = 0.02
    ) {
        let thread = Thread { [self] in
            guard let killer = try? database.connect() else { return }
            while !self.done.withLock({ $0 }), self.terminated.withLock({ $0 }) < times {
                let rows = try? killer.query("""
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE datname = current_database() AND application_name = $1 AND state = 'active'
                      AND query LIKE $2 AND pid <> pg_backend_pid()
                    """, [applicationName, statementPattern])
                if let rows, !rows.isEmpty {
                    self.terminated.withLock { $0 += 1 }
                    Thread.sleep(forTimeInterval: pause)
                }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        thread.start()
    }

    /// Stops terminating; returns how many sessions were terminated.
    @discardableResult
    public func stop() -> Int {
        done.withLock { $0 = true }
        return terminated.withLock { $0 }
    }
}
