import CLibPQ

extension PostgresConnection {
    /// Applies `settings` (`SET` statements) now and again after every `reconnect()`, so a session that was
    /// dropped and opened again behaves like the one the caller configured.
    public func setForSession(_ settings: String) throws {
        try executeScript(settings)
        sessionSettings.append(settings)
    }

    /// Opens the connection again with the same parameters (libpq's `PQreset`), after the server or the network
    /// dropped it, and applies the session settings again. Everything else of the old session is gone: its
    /// advisory locks, temporary tables and open transaction. Throws `PostgresError` (kind `.connect`, retryable
    /// when the cause may pass) if the server cannot be reached.
    public func reconnect() throws {
        PQreset(handle)
        guard PQstatus(handle) == CONNECTION_OK else { throw Self.connectError(handle, location: location) }
        try executeScript(Self.codecSettings)
        for settings in sessionSettings { try executeScript(settings) }
    }
}
