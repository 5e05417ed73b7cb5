import Foundation
import Logging

/// Turns raw environment strings into typed values, producing the one-line `ConfigurationError` that names
/// the variable, the (masked) value and what would have been accepted.
struct EnvironmentReader {
    let environment: [String: String]

    /// The value, or nil when unset or empty (an empty value means "use the default").
    func string(_ variable: ConfigurationVariable) -> String? {
        guard let value = environment[variable.rawValue], !value.isEmpty else { return nil }
        return value
    }

    func integer(_ variable: ConfigurationVariable, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = string(variable) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let number = Int(trimmed), range.contains(number) else {
            throw ConfigurationError.invalid(variable, value: text, expected: "an integer in \(range)")
        }
        return number
    }

    func chain() throws -> Chain {
        guard let text = string(.chain) else { return .bitcoin }
        guard let chain = Chain(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw ConfigurationError.invalid(.chain, value: text, expected: "one of \(Chain.validIdentifiers)")
        }
        return chain
    }

    func logLevel() throws -> Logger.Level? {
        guard let text = string(.logLevel) else { return nil }
        guard let level = Logger.Level(parsing: text) else {
            throw ConfigurationError.invalid(.logLevel, value: text, expected: "one of \(Logger.Level.validNames)")
        }
        return level
    }

    /// An http(s) URL with a host; anything else would only fail later with a less helpful libcurl message.
    func url(_ variable: ConfigurationVariable) throws -> URL? {
        guard let text = string(variable) else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else {
            throw ConfigurationError.invalid(
                variable, value: text, expected: "an http:// or https:// URL such as http://user:pass@127.0.0.1:8332")
        }
        return url
    }
}
