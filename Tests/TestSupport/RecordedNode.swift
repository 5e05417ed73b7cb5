import Foundation
public import SimNode

/// A fake node that answers JSON-RPC calls from recorded files named `rpc_response_<method>_<params>.json`
/// (bitcoin-etl's layout), the way the node of that era answered:
/// - `getblock <hash> 3` falls back to the `_2` recording, as Core before 23 treats verbosity 3 as 2, and is
///   refused like a node that only knows `verbose=true` when only a `_True` recording exists;
/// - `getblockcount` is the highest height with a `getblockhash` recording;
/// - anything not recorded is answered with bitcoind's "not found" error.
public struct RecordedNode: HTTPHandler {
    private let files: [String: Data]

    /// Serves the recordings in `folder` (below `Tests/Fixtures`).
    public init(folder: String) throws {
        var files: [String: Data] = [:]
        for url in try FixtureFiles.files(in: folder, prefix: "rpc_response_") {
            let name = url.deletingPathExtension().lastPathComponent.dropFirst("rpc_response_".count)
            files[String(name)] = try Data(contentsOf: url)
        }
        self.files = files
    }

    /// The heights that have a `getblockhash` recording.
    public var heights: [Int64] {
        files.keys.compactMap { $0.hasPrefix("getblockhash_") ? Int64($0.dropFirst("getblockhash_".count)) : nil }.sorted()
    }

    public func reply(to request: HTTPRequest) -> HTTPReply {
        let decoder = JSONDecoder()
        if let calls = try? decoder.decode([Call].self, from: Data(request.body)) {
            let answers = calls.map { answer(to: $0).text }
            return .respond(HTTPResponse(status: 200, body: Array(("[" + answers.joined(separator: ",") + "]").utf8)))
        }
        guard let call = try? decoder.decode(Call.self, from: Data(request.body)) else {
            return .respond(HTTPResponse(status: 500, body: Array(#"{"result":null,"error":{"code":-32700,"message":"Parse error"},"id":null}"#.utf8)))
        }
        let (text, failed) = answer(to: call)
        return .respond(HTTPResponse(status: failed ? 500 : 200, body: Array(text.utf8)))
    }

    /// One JSON-RPC request; parameters keep their JSON type so they are spelled as bitcoin-etl's file names.
    private struct Call: Decodable {
        var id: Int
        var method: String
        var params: [Parameter]
    }

    private enum Parameter: Decodable {
        case bool(Bool)
        case integer(Int64)
        case string(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Int64.self) {
                self = .integer(value)
            } else {
                self = .string(try container.decode(String.self))
            }
        }

        /// How bitcoin-etl spelled the parameter in its file names (Python's `str`).
        var spelled: String {
            switch self {
            case .bool(let value): return value ? "True" : "False"
            case .integer(let value): return String(value)
            case .string(let value): return value
            }
        }
    }

    private func answer(to call: Call) -> (text: String, failed: Bool) {
        let id = call.id
        let params = call.params.map(\.spelled)
        if call.method == "getblockcount", let tip = heights.last {
            return (#"{"result":\#(tip),"error":null,"id":\#(id)}"#, false)
        }
        var keys = [([call.method] + params).joined(separator: "_")]
        if call.method == "getblock", params.count == 2, params[1] == "3" {
            if files["getblock_\(params[0])_True"] != nil {
                return (#"{"result":null,"error":{"code":-1,"message":"JSON value is not a boolean as expected"},"id":\#(id)}"#, true)
            }
            keys.append("getblock_\(params[0])_2")
        }
        if call.method == "getrawtransaction", params.count == 2 { keys.append("getrawtransaction_\(params[0])") }
        for key in keys {
            if let data = files[key] {
                return (#"{"result":\#(String(decoding: data, as: UTF8.self)),"error":null,"id":\#(id)}"#, false)
            }
        }
        return (#"{"result":null,"error":{"code":-5,"message":"not recorded: \#(keys[0])"},"id":\#(id)}"#, true)
    }
}

extension RecordedNode {
    /// The hash recorded for `getblockhash <height>` in `folder`.
    public static func recordedHash(folder: String, height: Int64) throws -> String {
        let data = try FixtureFiles.data("\(folder)/rpc_response_getblockhash_\(height).json")
        return String(decoding: data, as: UTF8.self).filter { $0.isHexDigit }
    }
}
