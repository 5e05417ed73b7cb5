/// Turns Foundation's `DecodingError` into the field path and problem a `NodeDataError` reports, e.g.
/// `tx[2].vout[0].value` and "expected a number". Keeps the operator's message free of Swift type names.
public enum DecodingFailure {
    /// The dotted path of the field the decoder was at, with array indices in brackets.
    public static func path(of error: DecodingError) -> String {
        let (context, key) = details(of: error)
        var keys = context?.codingPath ?? []
        if let key { keys.append(key) }
        return render(keys)
    }

    /// A short description of what was wrong, without Swift type names.
    public static func problem(of error: DecodingError) -> String {
        switch error {
        case .keyNotFound: return "missing"
        case .valueNotFound(let type, _): return "is null, expected \(describe(type))"
        case .typeMismatch(let type, _): return "has the wrong type, expected \(describe(type))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the answer is not valid JSON" : "is not a valid value"
        @unknown default: return "could not be read"
        }
    }

    private static func details(of error: DecodingError) -> (DecodingError.Context?, (any CodingKey)?) {
        switch error {
        case .keyNotFound(let key, let context): return (context, key)
        case .valueNotFound(_, let context), .typeMismatch(_, let context), .dataCorrupted(let context):
            return (context, nil)
        @unknown default: return (nil, nil)
        }
    }

    static func render(_ keys: [any CodingKey]) -> String {
        var path = ""
        for key in keys {
            if let index = key.intValue, key.stringValue.hasPrefix("Index") || key.stringValue == String(index) {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return path
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Int64.Type, is UInt32.Type, is Double.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.contains("Decimal") { return "a number" }
            if name.hasPrefix("Array") { return "an array" }
            return "an object"
        }
    }
}
