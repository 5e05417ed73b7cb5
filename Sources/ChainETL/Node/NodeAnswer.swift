public import Foundation

/// Decodes a node's answer for one block into the lean model, turning every decoding failure into a
/// `NodeDataError` that names the block and the field.
public enum NodeAnswer {
    /// Decodes a `getblock <hash> 2|3` result: the fast parser first, `JSONDecoder` for anything it does not
    /// take (so the outcome, value or error, is exactly the decoder's).
    public static func decodeVerboseBlock(from bytes: [UInt8], height: Int64, hash: String?) throws(NodeDataError) -> VerboseNodeBlock {
        try decodeVerboseBlockWithLayout(from: bytes, height: height, hash: hash).block
    }

    /// `decodeVerboseBlock`, plus where the answer's top-level members are when the fast parser read it.
    static func decodeVerboseBlockWithLayout(
        from bytes: [UInt8], height: Int64, hash: String?
    ) throws(NodeDataError) -> (block: VerboseNodeBlock, layout: JSONObjectLayout?) {
        if let parsed = bytes.withUnsafeBufferPointer({ VerboseBlockParser.parseWithLayout($0) }) {
            return (parsed.block, parsed.layout)
        }
        return (try decode(VerboseNodeBlock.self, from: Data(bytes), height: height, hash: hash), nil)
    }

    /// Decodes `bytes`, the `result` of a node call made for the block at `height`.
    public static func decode<Model: Decodable>(
        _ model: Model.Type, from bytes: Data, height: Int64, hash: String?
    ) throws(NodeDataError) -> Model {
        do {
            return try JSONDecoder().decode(model, from: bytes)
        } catch let error as DecodingError {
            throw NodeDataError(
                height: height, hash: hash,
                field: DecodingFailure.path(of: error), problem: DecodingFailure.problem(of: error)
            )
        } catch {
            throw NodeDataError(height: height, hash: hash, field: "", problem: "the answer could not be read (\(error))")
        }
    }
}
