import Glibc

/// A POSIX thread that can be joined. Foundation's `Thread` cannot be joined, and `stop()` of the server must
/// know that no connection thread still touches a socket or calls the handler.
struct JoinableThread: Sendable {
    private let thread: pthread_t

    /// Starts `body` on a new thread.
    init(_ body: @escaping @Sendable () -> Void) {
        final class Box {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        let context = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { context in
            Unmanaged<Box>.fromOpaque(context!).takeRetainedValue().body()
            return nil
        }, context)
        precondition(status == 0, "pthread_create failed with \(status)")
        self.thread = thread
    }

    /// Waits until the thread's body has returned.
    func join() {
        pthread_join(thread, nil)
    }
}
