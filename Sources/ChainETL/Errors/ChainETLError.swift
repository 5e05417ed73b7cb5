/// An error a person can act on: every failure that reaches the top of a tool conforms, so the tool can print
/// one line saying what failed, where, and what to do, and pick the documented exit code.
public protocol ChainETLError: Error, CustomStringConvertible, Sendable {
    /// The exit code this error ends a run with.
    var exitStatus: ExitStatus { get }
    /// Whether retrying the same operation later may succeed (timeouts, resets, serialization failures).
    /// Retry loops use this; permanent errors stop the run at once.
    var isTransient: Bool { get }
}

extension ChainETLError {
    public var isTransient: Bool { false }
}
