import Foundation

/// A built tool of this package, run as a user would run it: a fresh process with its own environment, so exit
/// codes and stderr are checked end to end (ArgumentParser's own tests work the same way).
struct ToolExecutable: Sendable {
    /// The product name: `scrape`, `simnode`, ...
    let name: String

    /// The result of one run.
    struct Run: Sendable {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// Where `swift build`/`swift test` put the products: next to the test bundle.
    static var productsDirectory: URL {
        #if os(macOS)
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        #endif
        return Bundle.main.bundleURL
    }

    var path: String { Self.productsDirectory.appendingPathComponent(name).path }

    /// The package root, found from this file so tests never depend on the working directory.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Whether the tool's sources already use CommandSupport's entry point. The executables are stubs until
    /// their authors wire them up; their exit-code tests are enabled from that moment on.
    var usesCommandSupport: Bool {
        let folder = Self.packageRoot.appendingPathComponent("Sources/\(name)")
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        return files.contains { file in
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { return false }
            return text.contains("ChainETLCommand") || text.contains("ToolExit.main")
        } && FileManager.default.isExecutableFile(atPath: path)
    }

    /// Runs the tool with `arguments` and exactly `environment` (plus PATH), waiting at most `timeout`.
    func run(_ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(30)) throws -> Run {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tooltest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout")
        let errURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { mine, _ in mine }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                break
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            standardOutput: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}
