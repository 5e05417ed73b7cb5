import Glibc

/// Blocking socket calls with the details every caller would otherwise repeat: retry on `EINTR`, loop over
/// partial writes, and `MSG_NOSIGNAL` so a client that went away cannot kill the process with SIGPIPE.
enum SocketIO {
    /// Writes all of `bytes`; `false` when the peer is gone. `more` hints that more data follows at once
    /// (a response head before its body), so the kernel can put them in one packet.
    @discardableResult
    static func sendAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, more: Bool = false) -> Bool {
        guard var pointer = bytes.baseAddress else { return true }
        var remaining = bytes.count
        let flags = Int32(MSG_NOSIGNAL) | (more ? Int32(MSG_MORE) : 0)
        while remaining > 0 {
            let sent = send(fd, pointer, remaining, flags)
            if sent < 0 {
                if errno == EINTR { continue }
                return false
            }
            pointer += sent
            remaining -= sent
        }
        return true
    }

    /// Writes all of `bytes`; `false` when the peer is gone.
    @discardableResult
    static func sendAll(_ fd: Int32, _ bytes: [UInt8], more: Bool = false) -> Bool {
        bytes.withUnsafeBytes { sendAll(fd, $0, more: more) }
    }

    /// The outcome of one read.
    enum ReadResult: Equatable {
        case data(Int)
        case closed
        case timedOut
    }

    /// Reads what is available (at least one byte, blocking) and appends it to `buffer`.
    static func receive(_ fd: Int32, into buffer: inout [UInt8], chunk: Int = 64 * 1024) -> ReadResult {
        // Read into scratch memory and append only what arrived: growing and shrinking the buffer by a whole
        // chunk on every read cost ~100x in debug builds, which is what the tests run.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: chunk) { scratch in
            while true {
                let received = recv(fd, scratch.baseAddress!, chunk, 0)
                if received < 0, errno == EINTR { continue }
                if received > 0 {
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[..<received]))
                    return .data(received)
                }
                if received < 0, errno == EAGAIN || errno == EWOULDBLOCK { return .timedOut }
                return .closed
            }
        }
    }

    /// Sets an integer socket option.
    static func setOption(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32) {
        var value = value
        setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Makes blocking reads give up after `milliseconds`, so idle keep-alive connections free their thread.
    static func setReceiveTimeout(_ fd: Int32, milliseconds: Int) {
        var value = timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }
}
