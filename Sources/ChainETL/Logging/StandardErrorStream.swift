import Foundation

/// The one place that writes to stderr. Log lines and the terminal progress line share the screen: a log line
/// must first erase a progress line drawn in place, or the two would run into each other. Serialising both
/// through one lock keeps lines whole when tasks log concurrently.
public final class StandardErrorStream: @unchecked Sendable {
    /// The process's stderr.
    public static let shared = StandardErrorStream(write: { FileHandle.standardError.write(Data($0.utf8)) })

    private let lock = NSLock()
    private let write: @Sendable (String) -> Void
    private var statusLineIsDrawn = false

    /// `write` receives finished text; tests pass a collector instead of stderr.
    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Writes one complete line (a newline is added), erasing a progress line first if one is drawn.
    public func writeLine(_ line: String) {
        lock.withLock {
            write((statusLineIsDrawn ? Self.eraseLine : "") + line + "\n")
            statusLineIsDrawn = false
        }
    }

    /// Draws `line` in place of the current progress line (terminals only).
    public func drawStatusLine(_ line: String) {
        lock.withLock {
            write(Self.eraseLine + line)
            statusLineIsDrawn = true
        }
    }

    /// Erases the progress line, if any, leaving the cursor at the start of an empty line.
    public func clearStatusLine() {
        lock.withLock {
            if statusLineIsDrawn { write(Self.eraseLine) }
            statusLineIsDrawn = false
        }
    }

    /// Carriage return, then ANSI "erase entire line".
    static let eraseLine = "\r\u{1B}[2K"
}
