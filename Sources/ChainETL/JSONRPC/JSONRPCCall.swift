/// One method call in a batch: what the scraper queues up (`getblockhash` for a range of heights, then
/// `getblock` for each hash).
public struct JSONRPCCall: Sendable, Equatable {
    /// The RPC method name, e.g. `getblock`.
    public var method: String
    /// Positional parameters, as bitcoind expects them.
    public var params: [JSONValue]

    /// A call of `method` with positional `params`.
    public init(_ method: String, _ params: [JSONValue] = []) {
        self.method = method
        self.params = params
    }
}

/// Writes request bodies in bitcoind's legacy JSON-RPC 1.0 style, which every bitcoind-compatible node
/// (old forks included) accepts.
enum JSONRPCRequestWriter {
    /// `{"jsonrpc":"1.0","id":N,"method":"…","params":[…]}`.
    static func write(_ call: JSONRPCCall, id: Int, into bytes: inout [UInt8]) {
        bytes.append(contentsOf: #"{"jsonrpc":"1.0","id":"#.utf8)
        bytes.append(contentsOf: String(id).utf8)
        bytes.append(contentsOf: #","method":"#.utf8)
        JSONValue.writeString(call.method, into: &bytes)
        bytes.append(contentsOf: #","params":"#.utf8)
        JSONValue.array(call.params).write(into: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }

    /// A JSON array of requests with consecutive ids starting at `firstID`.
    static func writeBatch(_ calls: [JSONRPCCall], firstID: Int) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes.reserveCapacity(calls.count * 128)
        for (offset, call) in calls.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            write(call, id: firstID + offset, into: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
        return bytes
    }
}
