import ChainETL
import Foundation
import TestSupport
import Testing

/// Starts a tool (`target`: scrape, copy-raw, ...) again and again and `kill -9`s it at random moments, the way a power cut, the OOM killer or
/// an impatient operator would, until it has been killed `kills` times and at every kind of moment.
///
/// The moments rotate through three kinds, each with a random delay: soon after the start (start-up,
/// migrations, lock, fork search, first fetches), after the run's first commit became visible (so the landing
/// zone grows between kills), and while the run's session is inside a transaction that writes the landing zone
/// (a commit of blocks and events, or the undo of a reorg), the moment a half-written block would show. A tool
/// that commits once per run (aggregate-daily, wallet-stats) leaves out "after a commit" (`moments`).
struct KillLoop {
    /// When a run is killed.
    enum Moment: String, CaseIterable {
        case soonAfterStart = "after start"
        case afterFirstCommit = "after a commit"
        case insideWrite = "inside a write transaction"
    }

    /// One started run and how it ended.
    struct Run: CustomStringConvertible {
        var iteration: Int
        var pid: Int32
        var arguments: [String]
        var result: ToolProcess.Result
        var moment: Moment
        /// Whether the moment was observed (a commit, a write transaction) before the kill.
        var momentSeen: Bool
        /// The target's progress count before the run started and after it ended.
        var storedBefore: Int
        var storedAfter: Int

        /// Whether the test killed it (rather than it ending on its own).
        var killed: Bool { result.signaled && result.status == SIGKILL }
        /// Whether the run had certainly recorded its start in `etl.job_runs` when it was killed.
        var killedWhileWorking: Bool { killed && momentSeen }

        var description: String {
            "run \(iteration) pid \(pid)\(arguments.isEmpty ? "" : " " + arguments.joined(separator: " ")): \(killed ? "killed" : "exit \(result.status)") \(moment.rawValue)"
                + "\(momentSeen ? "" : " (moment not seen)"), stored \(storedBefore) -> \(storedAfter)"
                + (result.signaled || result.status == 0 ? "" : "; stderr: \(result.standardError.debugDescription)")
        }
    }

    let database: TestDatabase
    let environment: [String: String]
    var target = KillTarget.scrape
    var kills = 20
    /// The kinds of moment the runs rotate through.
    var moments = Moment.allCases
    /// Milliseconds to wait before a kill "soon after start"; a quick tool needs shorter ones to be killed at all.
    var startDelays = 20...800
    /// Arguments added to the target's for run number `iteration` (e.g. `--full` now and then).
    var extraArguments: @Sendable (Int) -> [String] = { _ in [] }
    /// Kills while working the loop reaches at each observed moment (after a commit, inside a write) before it
    /// stops: a fast run can end before its kill lands, so a fixed number of runs would not guarantee them.
    var killsWhileWorkingPerMoment = 2
    /// A bound on runs, so a run that keeps ending on its own cannot loop forever.
    var maximumRuns = 80

    /// Whether `runs` hold enough kills, and enough of them at each observed moment.
    private func isDone(_ runs: [Run]) -> Bool {
        guard runs.filter(\.killed).count >= kills else { return false }
        return moments.filter { $0 != .soonAfterStart }.allSatisfy { moment in
            runs.filter { $0.killedWhileWorking && $0.moment == moment }.count >= killsWhileWorkingPerMoment
        }
    }

    /// Runs the loop. `beforeRun` may change the node before a run starts, `duringRun` while it runs (halfway
    /// through the random delay before the kill).
    func run(
        random: inout SeededGenerator,
        beforeRun: (Int, inout SeededGenerator) throws -> Void = { _, _ in },
        duringRun: (Int, inout SeededGenerator) throws -> Void = { _, _ in }
    ) throws -> [Run] {
        let connection = try database.connect()
        var runs: [Run] = []
        var iteration = 0
        while !isDone(runs) {
            try #require(iteration < maximumRuns, "only \(runs.filter(\.killed).count) kills in \(iteration) runs: \(runs)")
            try beforeRun(iteration, &random)
            let storedBefore = try target.progress(connection)
            let moment = moments[iteration % moments.count]
            let arguments = target.arguments + extraArguments(iteration)
            let process = try target.executable.start(arguments, environment: environment)
            var seen = false
            let delay: Duration
            switch moment {
            case .soonAfterStart:
                delay = .milliseconds(Int.random(in: startDelays, using: &random))
            case .afterFirstCommit:
                seen = try Self.wait(for: process) {
                    try target.progress(connection) > storedBefore
                }
                delay = .milliseconds(Int.random(in: 0...800, using: &random))
            case .insideWrite:
                seen = try Self.wait(for: process) { try target.isWriting(on: connection) }
                delay = .microseconds(Int.random(in: 0...3_000, using: &random))
            }
            Thread.sleep(forTimeInterval: delay.seconds / 2)
            try duringRun(iteration, &random)
            Thread.sleep(forTimeInterval: delay.seconds / 2)
            process.killHard()
            let result = process.wait(timeout: .seconds(120))
            runs.append(Run(
                iteration: iteration, pid: process.processIdentifier, arguments: arguments, result: result, moment: moment,
                momentSeen: seen, storedBefore: storedBefore,
                storedAfter: try target.progress(connection)))
            iteration += 1
        }
        return runs
    }

    /// Polls `condition` every `interval` until it holds while `process` runs (true), or the process ends or
    /// `timeout` passes (false): how a kill test waits for the moment it wants to kill in.
    static func wait(
        for process: ToolProcess, timeout: Duration = .seconds(30), interval: Double = 0.001,
        until condition: () throws -> Bool
    ) throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            if try condition() { return process.isRunning }
            Thread.sleep(forTimeInterval: interval)
        }
        return false
    }

    /// Runs the target to its end, retrying while a killed run's session still holds the lock (exit 3: the
    /// server notices a dead client only when that session next talks to it).
    static func runToCompletion(
        _ target: KillTarget = .scrape, environment: [String: String]
    ) throws -> (pid: Int32, result: ToolProcess.Result) {
        for _ in 0..<50 {
            let process = try target.executable.start(target.arguments, environment: environment)
            let result = process.wait(timeout: .seconds(300))
            if result.signaled || result.status != ExitStatus.busy.rawValue {
                return (process.processIdentifier, result)
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw TestDatabaseError("\(target.executable.name) stayed busy for 5 s after the last kill")
    }
}

extension Duration {
    /// The duration in seconds, for `Thread.sleep`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
