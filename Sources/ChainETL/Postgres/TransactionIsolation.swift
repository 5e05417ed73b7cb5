/// The isolation level a transaction runs at. SERIALIZABLE is the safe choice for read-modify-write steps
/// that must behave as if runs were alone; it may fail with 40001, which `retryingTransaction` absorbs.
public enum TransactionIsolation: String, Sendable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}
