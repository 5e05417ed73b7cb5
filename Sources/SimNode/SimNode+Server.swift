import ChainETL

/// The running loopback server of a node.
struct LoopbackServerHandle: @unchecked Sendable {
    var server: LoopbackHTTPServer
}

extension SimNode {
    /// Serves the node on 127.0.0.1 (port 0 = any free port) and returns its URL with the credentials
    /// (`http://user:password@127.0.0.1:port`), ready for `NODE_RPC_URL`.
    @discardableResult
    public func start(port: UInt16 = 0, connectionThreads: Int = 32) throws -> String {
        let server = try LoopbackHTTPServer(
            handler: self, configuration: LoopbackHTTPServer.Configuration(port: port, connectionThreads: connectionThreads))
        withState { $0.server = LoopbackServerHandle(server: server) }
        return "http://\(configuration.rpcUser):\(configuration.rpcPassword)@127.0.0.1:\(server.port)"
    }

    /// The port the server listens on, nil when not started.
    public var port: UInt16? { withState { $0.server?.server.port } }

    /// Stops serving (idempotent).
    public func stop() {
        let handle = withState { node -> LoopbackServerHandle? in
            defer { node.server = nil }
            return node.server
        }
        handle?.server.stop()
    }
}
