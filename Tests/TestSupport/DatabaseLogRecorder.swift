import Foundation
public import Logging

/// A log sink for tests that need to see what a component logged (server notices, retry notes).
/// Thread-safe, since libpq callbacks and test tasks may log from different threads.
public final class DatabaseLogRecorder: @unchecked Sendable {
    /// One captured log line.
    public struct Entry: Sendable {
        public let level: Logger.Level
        public let message: String
        public let metadata: [String: String]
    }

    private let lock = NSLock()
    private var storage: [Entry] = []

    public init() {}

    /// Everything logged so far, in order.
    public var entries: [Entry] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }

    /// A logger at `level` whose output lands in this recorder.
    public func logger(label: String = "test", level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: label) { _ in Handler(recorder: self) }
        logger.logLevel = level
        return logger
    }

    fileprivate func record(_ entry: Entry) {
        lock.lock()
        storage.append(entry)
        lock.unlock()
    }

    private struct Handler: LogHandler {
        let recorder: DatabaseLogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            recorder.record(Entry(level: event.level, message: event.message.description,
                                  metadata: merged.mapValues { "\($0)" }))
        }
    }
}
