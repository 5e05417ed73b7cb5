/// A JSON-RPC error as bitcoind reports it: code and message, and the HTTP status a single (non-batch)
/// call gets with it (404 for unknown methods, 500 otherwise).
struct RPCError: Error, Sendable {
    var code: Int
    var message: String

    var httpStatus: Int { code == -32601 ? 404 : 500 }

    static let methodNotFound = RPCError(code: -32601, message: "Method not found")
    static let parseError = RPCError(code: -32700, message: "Parse error")
    static let blockNotFound = RPCError(code: -5, message: "Block not found")
    static let heightOutOfRange = RPCError(code: -8, message: "Block height out of range")
    static let warmingUp = RPCError(code: -28, message: "Loading block index...")
    static let transactionNotFound = RPCError(
        code: -5, message: "No such mempool or blockchain transaction. Use gettransaction for wallet transactions.")

    static func typeError(_ value: RequestValue, expected: String) -> RPCError {
        RPCError(code: -3, message: "JSON value of type \(value.typeName) is not of expected type \(expected)")
    }

    static func usage(_ text: String) -> RPCError {
        RPCError(code: -1, message: text)
    }
}

/// Typed access to positional parameters with bitcoind's error messages.
struct RPCParameters {
    let values: [RequestValue]

    func has(_ index: Int) -> Bool {
        index < values.count && values[index] != .null
    }

    func integer(_ index: Int) throws(RPCError) -> Int {
        let value = values[index]
        guard let number = value.integer else { throw .typeError(value, expected: "number") }
        return Int(number)
    }

    func double(_ index: Int) throws(RPCError) -> Double {
        let value = values[index]
        guard let number = value.double else { throw .typeError(value, expected: "number") }
        return number
    }

    func bool(_ index: Int) throws(RPCError) -> Bool {
        let value = values[index]
        guard case .bool(let flag) = value else { throw .typeError(value, expected: "bool") }
        return flag
    }

    /// A 64-hex-digit hash parameter named `name` (for Core's error text).
    func hash(_ index: Int, name: String) throws(RPCError) -> Hash256Text {
        let value = values[index]
        guard case .string(let text) = value else { throw .typeError(value, expected: "string") }
        guard text.utf8.count == 64 else {
            throw RPCError(code: -8, message: "\(name) must be of length 64 (not \(text.utf8.count), for '\(text)')")
        }
        guard let hash = Hash256Text(text) else {
            throw RPCError(code: -8, message: "\(name) must be hexadecimal string (not '\(text)')")
        }
        return hash
    }
}
