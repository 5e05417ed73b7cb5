import Glibc
import Synchronization

/// A small HTTP/1.1 server on 127.0.0.1 for simnode and tests: keep-alive, `Content-Length` bodies, and the
/// fault replies of `HTTPReply`, served by a fixed pool of threads like bitcoind's `rpcthreads`.
///
/// Each pool thread accepts a connection and serves it until it closes; when all threads are busy, further
/// connections wait in the kernel's accept backlog. Blocking sockets on dedicated threads keep it simple and
/// fast (it must feed ~100 MB/s of block JSON to the scraper benchmark). Call `stop()` when done: the threads
/// keep the server alive until then.
public final class LoopbackHTTPServer: Sendable {
    /// Limits and sizes.
    public struct Configuration: Sendable {
        /// The port to listen on; 0 picks a free one (read it back from `port`).
        public var port: UInt16
        /// Connections served at once (bitcoind's `rpcthreads`).
        public var connectionThreads: Int
        /// An idle keep-alive connection is closed after this long, freeing its thread.
        public var idleTimeout: Duration
        /// Larger request bodies are refused with 413.
        public var maxBodyBytes: Int
        /// Larger request heads are refused with 431.
        public var maxHeadBytes: Int

        /// Defaults: ephemeral port, 8 threads, 30 s idle timeout, 64 MB bodies.
        public init(port: UInt16 = 0, connectionThreads: Int = 32, idleTimeout: Duration = .seconds(30),
                    maxBodyBytes: Int = 64 << 20, maxHeadBytes: Int = 64 << 10) {
            self.port = port
            self.connectionThreads = max(1, connectionThreads)
            self.idleTimeout = idleTimeout
            self.maxBodyBytes = maxBodyBytes
            self.maxHeadBytes = maxHeadBytes
        }
    }

    /// The port the server listens on (the actual one when 0 was asked for).
    public let port: UInt16
    /// `http://127.0.0.1:<port>`, for clients.
    public var url: String { "http://127.0.0.1:\(port)" }

    private struct State {
        var stopping = false
        var stopped = false
        var openConnections: Set<Int32> = []
        var acceptedConnections = 0
        var threads: [JoinableThread] = []
    }

    private let listener: Int32
    private let handler: any HTTPHandler
    private let configuration: Configuration
    private let state = Mutex(State())

    /// Binds, listens and starts the connection threads.
    public init(handler: any HTTPHandler, configuration: Configuration = Configuration()) throws(LoopbackHTTPServerError) {
        self.handler = handler
        self.configuration = configuration
        (listener, port) = try Self.listen(port: configuration.port)
        let threads = (0..<configuration.connectionThreads).map { _ in JoinableThread { [self] in acceptLoop() } }
        state.withLock { $0.threads = threads }
    }

    /// How many connections were accepted since the start; with keep-alive, many requests share one.
    public var acceptedConnections: Int { state.withLock { $0.acceptedConnections } }

    /// Closes the listener and every connection (ending hangs and delays), and waits for all threads.
    public func stop() {
        let threads = state.withLock { state -> [JoinableThread] in
            if state.stopping { return [] }
            state.stopping = true
            // Under the lock: a connection thread deregisters its descriptor (under the lock) before closing
            // it, so each one in the set is still this server's. Shut down after the lock, a descriptor closed
            // meanwhile and reused by another server or client of the process was cut off instead (seen in the
            // test suite as another test's request getting an empty reply).
            for connection in state.openConnections { shutdown(connection, Int32(SHUT_RDWR)) }
            return state.threads
        }
        guard !threads.isEmpty else { return }
        shutdown(listener, Int32(SHUT_RDWR))  // wakes the threads blocked in accept()
        for thread in threads { thread.join() }
        close(listener)
    }

    private var isStopping: Bool { state.withLock { $0.stopping } }

    /// One pool thread: accept a connection, serve it to the end, repeat until stopped.
    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if isStopping { return }
                if errno != EINTR && errno != ECONNABORTED { usleep(10_000) }  // e.g. out of descriptors
                continue
            }
            let registered = state.withLock { state -> Bool in
                guard !state.stopping else { return false }
                state.openConnections.insert(fd)
                state.acceptedConnections += 1
                return true
            }
            guard registered else {
                close(fd)
                return
            }
            // Close-on-exec, like the listener: a process started later (a test's child, a tool run) must not
            // hold the connection open after the server has closed it (Glibc's module does not offer accept4).
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            SocketIO.setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
            SocketIO.setReceiveTimeout(fd, milliseconds: Int(configuration.idleTimeout.components.seconds * 1000) + 1)
            var connection = HTTPConnection(fd: fd, handler: handler, limits: configuration) { [self] in isStopping }
            connection.serve()
            // Deregister before closing, so stop() never shuts down a descriptor number reused elsewhere.
            state.withLock { _ = $0.openConnections.remove(fd) }
            close(fd)
        }
    }

    /// Creates the listening socket on 127.0.0.1.
    private static func listen(port: UInt16) throws(LoopbackHTTPServerError) -> (Int32, UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw LoopbackHTTPServerError(operation: "socket", port: port, errorNumber: errno) }
        SocketIO.setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && Glibc.listen(fd, 1024) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else {
            let errorNumber = errno
            close(fd)
            throw LoopbackHTTPServerError(operation: "listen", port: port, errorNumber: errorNumber)
        }
        return (fd, UInt16(bigEndian: address.sin_port))
    }
}
