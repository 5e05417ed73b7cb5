import Foundation

/// One running tool process, with stdout and stderr captured in files (pipes would fill up and block the tool
/// if nobody read them). A class because it owns the process and its temporary directory.
final class ToolProcess: @unchecked Sendable {
    /// How a process ended and what it printed.
    struct Result: Sendable, CustomStringConvertible {
        /// The exit code, or the signal number when `signaled`.
        let status: Int32
        /// Whether a signal ended the process (our SIGKILL, or the timeout's).
        let signaled: Bool
        let standardOutput: String
        let standardError: String
        /// Wall-clock time from start to end.
        let elapsed: Duration

        var description: String {
            "\(signaled ? "signal" : "exit") \(status) after \(elapsed); stdout: \(standardOutput.debugDescription); "
                + "stderr: \(standardError.debugDescription)"
        }
    }

    private let process = Process()
    private let directory: URL
    private let started = ContinuousClock.now

    /// The process id, for `etl.job_runs.pid`.
    var processIdentifier: Int32 { process.processIdentifier }

    init(executable: String, arguments: [String], environment: [String: String]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tooltest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { mine, _ in mine }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    private var outURL: URL { directory.appendingPathComponent("stdout") }
    private var errURL: URL { directory.appendingPathComponent("stderr") }

    /// Whether the process still runs.
    var isRunning: Bool { process.isRunning }

    /// `kill -9`: the process gets no chance to clean up, as after a power cut or the OOM killer.
    func killHard() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Waits for the end, killing the process after `timeout`.
    func wait(timeout: Duration = .seconds(60)) -> Result {
        let deadline = started + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                killHard()
                break
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            signaled: process.terminationReason == .uncaughtSignal,
            standardOutput: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
            elapsed: ContinuousClock.now - started)
    }
}
