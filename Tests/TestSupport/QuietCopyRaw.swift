public import ChainETL
import Logging

/// Runs `copy-raw` in-process the way the tool does, without printing, with fast retries.
public enum QuietCopyRaw {
    @discardableResult
    public static func run(
        database: TestDatabase, rawDatabase: TestDatabase? = nil, chain: Chain = .bitcoin,
        configure: (inout CopyRawOptions) -> Void = { _ in }
    ) throws -> CopyRawSummary {
        let configuration = try TestConfiguration.make(
            database: database, rawDatabase: rawDatabase, nodeURL: "http://127.0.0.1:1", extra: ["CHAIN": chain.rawValue])
        var options = CopyRawOptions()
        options.retryPolicy = QuietScrape.fastRetries
        options.reconnectPolicy = QuietScrape.fastRetries
        configure(&options)
        return try CopyRawJob.run(
            configuration: configuration, options: options,
            logger: Logger(label: "copy-raw") { _ in SwiftLogNoOpLogHandler() },
            drawsProgress: false, printSummary: { _ in })
    }
}
