/// A parsed JSON value of an incoming request. Numbers keep their text so `2` (an integer verbosity)
/// and `true` (a boolean) stay distinguishable, as bitcoind's type checks require.
enum RequestValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([RequestValue])
    case object([(String, RequestValue)])

    static func == (lhs: RequestValue, rhs: RequestValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)), let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    subscript(key: String) -> RequestValue? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.0 == key })?.1
    }

    /// The integer value of a number without fraction or exponent.
    var integer: Int64? {
        guard case .number(let text) = self else { return nil }
        return Int64(text)
    }

    /// The value of any number.
    var double: Double? {
        guard case .number(let text) = self else { return nil }
        return Double(text)
    }

    /// The JSON name bitcoind uses in type errors.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Writes the value back as JSON (to echo request ids).
    func write(to buffer: inout JSONWriter) {
        switch self {
        case .null: buffer.raw("null")
        case .bool(let value): buffer.raw(value ? "true" : "false")
        case .number(let text): buffer.raw(text)
        case .string(let text): buffer.string(text)
        case .array(let values):
            buffer.beginArray()
            for value in values {
                buffer.comma()
                value.write(to: &buffer)
            }
            buffer.endArray()
        case .object(let members):
            buffer.beginObject()
            for (key, value) in members {
                buffer.key(key)
                value.write(to: &buffer)
            }
            buffer.endObject()
        }
    }
}
