public import Foundation
public import Logging

/// The log handler every tool installs: one masked line per message on stderr, so cron mails and log files get
/// a uniform, timestamped record and a progress line on a terminal is never garbled.
public struct StandardErrorLogHandler: LogHandler {
    /// The tool name shown in every line.
    public let label: String
    /// The least severe level this handler writes; set from `LOG_LEVEL`, `--verbose` or `--log-level`.
    public var logLevel: Logger.Level
    /// Metadata attached to every line of this logger (e.g. the chain).
    public var metadata: Logger.Metadata = [:]
    /// Contextual metadata (task-locals) merged into every line.
    public var metadataProvider: Logger.MetadataProvider?

    private let stream: StandardErrorStream
    private let now: @Sendable () -> Date

    /// `stream` and `now` default to stderr and the wall clock; tests inject a collector and a fixed time.
    public init(
        label: String,
        logLevel: Logger.Level = .info,
        stream: StandardErrorStream = .shared,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.label = label
        self.logLevel = logLevel
        self.stream = stream
        self.now = now
    }

    /// Writes the event as one line; the event's error, if any, becomes `error=...`.
    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        if let error = event.error { merged["error"] = .string(String(describing: error)) }
        stream.writeLine(
            LogLineFormatter.line(
                timestamp: now(), label: label, level: event.level,
                message: event.message.description, metadata: merged))
    }

    /// One metadata value of this logger.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
}
