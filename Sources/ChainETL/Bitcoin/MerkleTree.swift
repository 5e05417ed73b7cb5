/// The merkle root of a block's transaction ids (and of wtxids for the segwit commitment): pairs hashed
/// with double SHA-256, the last node duplicated on odd levels, as Core's `ComputeMerkleRoot` does.
public enum MerkleTree {
    /// The root of `leaves`; zero for an empty list.
    public static func root(of leaves: [Hash256]) -> Hash256 {
        guard !leaves.isEmpty else { return .zero }
        var level = leaves
        var pair = [UInt8](repeating: 0, count: 64)
        while level.count > 1 {
            if level.count % 2 == 1 { level.append(level[level.count - 1]) }
            var next: [Hash256] = []
            next.reserveCapacity(level.count / 2)
            for index in stride(from: 0, to: level.count, by: 2) {
                pair.removeAll(keepingCapacity: true)
                level[index].append(to: &pair)
                level[index + 1].append(to: &pair)
                next.append(pair.withUnsafeBytes { SHA256.doubleHash($0) })
            }
            level = next
        }
        return level[0]
    }

    /// The BIP141 witness commitment: double SHA-256 of the witness merkle root (coinbase wtxid taken as
    /// zero) followed by the 32-byte witness reserved value.
    public static func witnessCommitment(wtxids: [Hash256], reservedValue: Hash256 = .zero) -> Hash256 {
        var leaves = wtxids
        if !leaves.isEmpty { leaves[0] = .zero }
        var bytes: [UInt8] = []
        root(of: leaves).append(to: &bytes)
        reservedValue.append(to: &bytes)
        return SHA256.doubleHash(bytes)
    }
}
