public import Foundation

/// Decodes a node's answer for one block into the lean model, turning every decoding failure into a
/// `NodeDataError` that names the block and the field.
public enum NodeAnswer {
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
