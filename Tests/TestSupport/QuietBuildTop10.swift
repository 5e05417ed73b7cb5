public import ChainETL
import Logging

/// Runs `build-top10` in-process the way the tool does, without printing, so tests (the hourly-chain test among
/// them) can call it after the other tools.
public enum QuietBuildTop10 {
    /// One run against `database`. `extra` adds environment variables (e.g. `TOP_RICHEST_N`); `configure`
    /// changes the options (e.g. `exportDirectory` for `--export-json`).
    @discardableResult
    public static func run(
        database: TestDatabase, extra: [String: String] = [:], configure: (inout BuildTop10Options) -> Void = { _ in }
    ) throws -> BuildTop10Summary {
        // build-top10 never contacts the node; the URL only satisfies the configuration.
        let configuration = try TestConfiguration.make(database: database, nodeURL: "http://127.0.0.1:1", extra: extra)
        var options = BuildTop10Options()
        options.reconnectPolicy = QuietScrape.fastRetries
        configure(&options)
        return try BuildTop10Job.run(
            configuration: configuration, options: options,
            logger: Logger(label: "build-top10") { _ in SwiftLogNoOpLogHandler() },
            drawsProgress: false, printSummary: { _ in })
    }
}
