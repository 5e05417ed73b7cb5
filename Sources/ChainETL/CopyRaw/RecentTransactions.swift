/// Where the transactions copy-raw committed lately in this run lie, so an input spending one of them needs no
/// probe of the txid index: most coins are spent young (on the benchmark's mainnet-shaped chain, 70 % of inputs
/// spend an output less than 50 blocks old), and the probe is a third of an input's cost.
///
/// Keyed by the first 16 hex digits of the txid and holding the place packed in 64 bits, which keeps an entry
/// at 16 bytes instead of a 64-character string and a place; the full txid is compared in SQL when the output
/// is read, and a place that does not match (two txids sharing the prefix) falls back to the index. Only
/// committed blocks are remembered, and a block leaving the best chain forgets everything, so a place is always
/// one of the best chain's: the latest one with its txid (a later duplicate, BIP30, replaces the entry and is
/// evicted after it).
struct RecentTransactions {
    /// The most transactions remembered; the oldest blocks are forgotten first.
    let capacity: Int
    /// Txid key → height << 24 | index in block (blocks have far fewer than 16 M transactions).
    private var places: [UInt64: UInt64] = [:]
    /// Per remembered block, oldest first: the keys it added. `oldest` is the first block still remembered.
    private var blocks: [(height: Int64, keys: [UInt64])] = []
    private var oldest = 0
    private var count = 0

    /// 300,000 transactions (about 10 MB) cover half a day of mainnet blocks.
    init(capacity: Int = 300_000) {
        self.capacity = capacity
        places.reserveCapacity(capacity)
    }

    /// The place of the latest remembered transaction whose txid starts like `txid`'s; nil when none is.
    func place(of txid: String) -> TransactionPlace? {
        guard let key = Self.key(of: txid), let packed = places[key] else { return nil }
        return TransactionPlace(blockHeight: Int64(packed >> 24), index: Int(packed & 0xff_ffff))
    }

    /// Remembers the transactions of a batch that was just committed, forgetting the oldest blocks beyond the
    /// capacity.
    mutating func remember(_ batch: PreparedBatch) {
        for block in batch.recentEntries.blocks {
            for (key, place) in zip(block.keys, block.places) {
                places[key] = place
            }
            blocks.append((block.height, block.keys))
            count += block.keys.count
        }
        while count > capacity, oldest < blocks.count {
            forgetOldestBlock()
        }
    }

    /// Forgets everything: a block left the best chain, so a remembered place may no longer be on it.
    mutating func forgetAll() {
        places.removeAll(keepingCapacity: true)
        blocks.removeAll()
        oldest = 0
        count = 0
    }

    private mutating func forgetOldestBlock() {
        let (height, keys) = blocks[oldest]
        for key in keys where places[key].map({ Int64($0 >> 24) }) == height {
            places[key] = nil
        }
        count -= keys.count
        blocks[oldest].keys = []
        oldest += 1
        // Drop the forgotten prefix now and then, so the list does not grow with the run.
        if oldest > 1_024, oldest * 2 > blocks.count {
            blocks.removeFirst(oldest)
            oldest = 0
        }
    }

    /// The first 16 hex digits as a number; nil for a txid that is not hex (it cannot be remembered).
    fileprivate static func key(of txid: String) -> UInt64? {
        let digits = txid.prefix(16)
        guard digits.utf8.count == 16 else { return nil }
        return UInt64(digits, radix: 16)
    }
}

extension RecentTransactions {
    /// A batch's transactions as `RecentTransactions` keeps them, worked out on the reading thread with the rest
    /// of `PreparedBatch`: parsing 20,000 txid prefixes and packing their places took part of the 16 ms per
    /// batch that remembering cost on the writing thread, between one COMMIT and the next BEGIN.
    struct Entries: Sendable {
        /// Per block, in height order: the height, and each transaction's key with its packed place at the same
        /// index (the keys are kept as they are, as the block's list of what to forget).
        fileprivate let blocks: [(height: Int64, keys: [UInt64], places: [UInt64])]

        init(_ blocks: [BlockRows]) {
            self.blocks = blocks.map { rows in
                var keys: [UInt64] = []
                var places: [UInt64] = []
                keys.reserveCapacity(rows.transactions.count)
                places.reserveCapacity(rows.transactions.count)
                for transaction in rows.transactions {
                    guard let key = RecentTransactions.key(of: transaction.txid), transaction.blockHeight >= 0,
                          transaction.blockHeight < 1 << 40, transaction.index >= 0, transaction.index < 1 << 24
                    else { continue }
                    keys.append(key)
                    places.append(UInt64(transaction.blockHeight) << 24 | UInt64(transaction.index))
                }
                return (rows.block.height, keys, places)
            }
        }
    }
}
