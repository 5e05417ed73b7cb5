/// Reads one batch of landed blocks from the raw database and turns each into rows, checking the rules that
/// need only the block itself. It runs on copy-raw's prefetching thread, apart from the writer, so it owns its
/// validator (and that validator's address cache).
final class LandedBatchReader {
    private let raw: RawDatabaseReader
    private let parameters: ChainParameters
    private var validator: BlockValidator

    init(raw: RawDatabaseReader, rules: ValidationRules, parameters: ChainParameters) {
        self.raw = raw
        self.parameters = parameters
        validator = BlockValidator(rules: rules, parameters: parameters)
    }

    /// The rows of the batch's blocks in order, up to the first block a rule refuses, prepared for the writer.
    func read(_ batch: [ChainEvent]) throws -> DerivedBatch {
        var rows: [BlockRows] = []
        var refused: BlockValidationFailure?
        try raw.read("reading landed blocks") { landingZone in
            // A dropped connection repeats the whole read, so start from nothing each time.
            rows = []
            refused = nil
            rows.reserveCapacity(batch.count)
            try landingZone.forEachStoredBlock(hashes: batch.map(\.hash)) { block in
                guard refused == nil else { return }
                do {
                    rows.append(try derive(block))
                } catch let failure as BlockValidationFailure {
                    refused = failure
                }
            }
        }
        return DerivedBatch(prepared: PreparedBatch(rows), refused: refused)
    }

    /// The rows of one landed block, validated by the rules that need only the block.
    private func derive(_ block: StoredBlock) throws(BlockValidationFailure) -> BlockRows {
        do {
            let verbose = try LandedBlockText.verboseBlock(
                format: block.format, body: block.body, transactions: block.transactions, height: block.height,
                hash: block.hash)
            let rows = try BlockRows(block: verbose, amounts: AmountRules(parameters: parameters))
            try validator.validate(rows, of: verbose, stored: block)
            return rows
        } catch let failure as BlockValidationFailure {
            throw failure
        } catch {
            throw BlockValidationFailure(height: block.height, hash: block.hash, rule: .readable, reason: "\(error)")
        }
    }
}

/// A batch as read: its blocks up to the first refused one, prepared for the writer, and that refusal.
struct DerivedBatch: Sendable {
    var prepared: PreparedBatch
    var refused: BlockValidationFailure?
}

/// The prefetching thread stopped before handing over every batch of the window without saying why: a bug.
struct PrefetchEndedEarlyError: ChainETLError {
    var exitStatus: ExitStatus { .failure }
    var isTransient: Bool { false }
    var description: String {
        "copy-raw's reading thread ended before the last batch of the window; nothing after the last commit was "
            + "written. Run copy-raw again; if it repeats, report it."
    }
}
