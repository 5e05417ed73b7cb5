public import ChainETL
import Glibc

/// The server could not start listening.
public struct LoopbackHTTPServerError: ChainETLError {
    /// The system call that failed.
    public var operation: String
    /// The port that was asked for.
    public var port: UInt16
    /// The system error number.
    public var errorNumber: Int32

    public var exitStatus: ExitStatus { .failure }

    public var description: String {
        let reason = String(cString: strerror(errorNumber))
        return "cannot \(operation) on 127.0.0.1:\(port): \(reason); pick another port or stop what uses it"
    }
}
