public import ChainETL
import Logging

/// Runs `scrape` in-process the way the tool does, without printing, with fast retries so fault tests stay
/// quick.
public enum QuietScrape {
    /// Retries that ride out simulated faults in milliseconds rather than seconds.
    public static let fastRetries = RetryPolicy(
        maxAttempts: 10, initialDelay: .milliseconds(5), maxDelay: .milliseconds(50), maxTotalTime: .seconds(30))

    @discardableResult
    public static func run(
        database: TestDatabase, nodeURL: String, rawDatabase: TestDatabase? = nil,
        configure: (inout ScrapeOptions) -> Void = { _ in }
    ) throws -> ScrapeSummary {
        let configuration = try TestConfiguration.make(database: database, rawDatabase: rawDatabase, nodeURL: nodeURL)
        var options = ScrapeOptions()
        options.retryPolicy = fastRetries
        options.reconnectPolicy = fastRetries
        configure(&options)
        return try ScrapeJob.run(
            configuration: configuration, options: options,
            logger: Logger(label: "scrape") { _ in SwiftLogNoOpLogHandler() },
            drawsProgress: false, printSummary: { _ in })
    }
}
