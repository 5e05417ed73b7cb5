import Foundation
import Glibc
import SimNode
import Synchronization

/// A minimal blocking TCP client, so server tests control exactly what goes over the wire.
final class RawHTTPClient {
    let fd: Int32

    init(port: UInt16, receiveTimeout: Duration = .seconds(5)) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        setReceiveTimeout(receiveTimeout)
    }

    deinit { close(fd) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads until the peer closes or the receive timeout passes; returns everything not yet consumed.
    func readAll() -> [UInt8] {
        while fill() {}
        defer { buffer = [] }
        return buffer
    }

    /// Reads one response with a `Content-Length` body: (head text, body), or nil on close/timeout. Bytes
    /// read past it (pipelined answers) stay buffered for the next call.
    func readResponse() -> (head: String, body: [UInt8])? {
        var headEnd: Int?
        while headEnd == nil {
            if let range = buffer.firstRange(of: Array("\r\n\r\n".utf8)) { headEnd = range.upperBound; break }
            guard fill() else { return nil }
        }
        let head = String(decoding: buffer[..<headEnd!], as: UTF8.self)
        let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
        while buffer.count < headEnd! + length {
            guard fill() else { return nil }
        }
        let body = Array(buffer[headEnd!..<(headEnd! + length)])
        buffer.removeFirst(headEnd! + length)
        return (head, body)
    }

    /// Changes how long reads wait before giving up.
    func setReceiveTimeout(_ timeout: Duration) {
        let milliseconds = Int(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        var value = timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    private var buffer: [UInt8] = []

    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count <= 0 { return false }
        buffer += chunk[..<count]
        return true
    }
}

/// A handler made of a closure.
struct ClosureHTTPHandler: HTTPHandler {
    let body: @Sendable (HTTPRequest) -> HTTPReply
    func reply(to request: HTTPRequest) -> HTTPReply { body(request) }
}

/// A POST request with a body.
func rawPost(_ body: String, path: String = "/", extraHeaders: String = "") -> String {
    "POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\(extraHeaders)\r\n\(body)"
}

/// A child process started with plain `posix_spawn`, which (unlike Foundation's `Process`) passes on every
/// descriptor not marked close-on-exec, as any program embedding the server might.
final class SpawnedProcess: Sendable {
    private let pid = Mutex<pid_t>(0)

    /// Whether `spawn` started the program.
    var wasStarted: Bool { pid.withLock { $0 > 0 } }

    /// Starts `path` with `arguments`.
    func spawn(_ path: String, _ arguments: String...) {
        var argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        guard posix_spawn(&child, path, nil, nil, &argv, environ) == 0 else { return }
        pid.withLock { $0 = child }
    }

    /// Kills the program and reaps it.
    func end() {
        let child = pid.withLock { $0 }
        guard child > 0 else { return }
        kill(child, SIGKILL)
        var status: Int32 = 0
        waitpid(child, &status, 0)
    }
}
