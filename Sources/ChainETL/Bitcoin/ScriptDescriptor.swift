/// The `desc` a modern node prints for an output script it has no keys for (Core's `InferDescriptor`):
/// `addr(...)` for address types, `pk(...)` and `multi(...)` for bare keys, `raw(...)` otherwise.
public enum ScriptDescriptor {
    /// The descriptor with checksum.
    public static func descriptor(of script: [UInt8], classification: ScriptClassification, parameters: ChainParameters) -> String {
        let body: String
        switch classification.type {
        case .pubkey:
            body = "pk(" + Hex.encode(classification.solution) + ")"
        case .multisig:
            let keys = classification.publicKeys.map { Hex.encode($0) }.joined(separator: ",")
            body = "multi(" + String(classification.requiredSignatures ?? 1) + "," + keys + ")"
        default:
            if let address = ScriptAddress.address(of: classification, parameters: parameters) {
                body = "addr(" + address + ")"
            } else {
                body = "raw(" + Hex.encode(script) + ")"
            }
        }
        return DescriptorChecksum.withChecksum(body)
    }
}
