import Foundation

/// A built tool of this package, run as a user would run it: a fresh process with its own environment, so exit
/// codes and stderr are checked end to end (ArgumentParser's own tests work the same way).
///
/// `swift test` builds every product before it runs the tests, so a missing executable is a broken build, not
/// a reason to skip: `path` throws, and the test fails saying which file is missing.
struct ToolExecutable: Sendable {
    /// The product name: `scrape`, `simnode`, ...
    let name: String

    /// Where `swift build`/`swift test` put the products: next to the test bundle.
    static var productsDirectory: URL {
        #if os(macOS)
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        #endif
        return Bundle.main.bundleURL
    }

    /// The executable's path; throws (failing the test) when it was not built.
    var path: String {
        get throws {
            let path = Self.productsDirectory.appendingPathComponent(name).path
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw MissingExecutableError(name: name, path: path)
            }
            return path
        }
    }

    /// Starts the tool with `arguments` and exactly `environment` (plus PATH); the caller waits or kills.
    func start(_ arguments: [String], environment: [String: String] = [:]) throws -> ToolProcess {
        try ToolProcess(executable: path, arguments: arguments, environment: environment)
    }

    /// Runs the tool to the end, waiting at most `timeout` (then it is killed and the test sees the signal).
    func run(
        _ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(60)
    ) throws -> ToolProcess.Result {
        try start(arguments, environment: environment).wait(timeout: timeout)
    }
}

/// `swift test` did not produce the executable a test runs.
struct MissingExecutableError: Error, CustomStringConvertible {
    let name: String
    let path: String

    var description: String {
        "the '\(name)' executable is missing at \(path); `swift test` builds every product first, "
            + "so the build is broken or the tests run from another build directory"
    }
}
