/// The `chain` tables do not match copy-raw's cursor (a block to append does not extend the stored tip, or a
/// block to remove is not the stored tip): someone edited them by hand. Only a rebuild restores them.
public struct ChainTablesOutOfStepError: ChainETLError {
    public var height: Int64
    public var hash: String
    public var problem: String

    public var exitStatus: ExitStatus { .failure }
    public var isTransient: Bool { false }

    public var description: String {
        "chain tables out of step at block \(height) (\(hash)): \(problem); run copy-raw --rebuild to re-derive "
            + "them from the landing zone"
    }
}
