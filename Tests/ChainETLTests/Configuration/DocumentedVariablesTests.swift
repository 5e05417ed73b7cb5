import ChainETL
import Foundation
import Testing

/// README's configuration table and env.example name exactly the variables the tools read
/// (`ConfigurationVariable`), so a new setting cannot ship undocumented and a documented one cannot be dead.
@Suite("README and env.example document exactly the variables the tools read")
struct DocumentedVariablesTests {
    /// The project's root folder, found from this file so the test reads the clone it runs in.
    private static let projectRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private static func text(_ name: String) throws -> String {
        try String(contentsOf: projectRoot.appendingPathComponent(name), encoding: .utf8)
    }

    private static let read = Set(ConfigurationVariable.allCases.map(\.rawValue))

    @Test("env.example sets every variable once, and nothing else")
    func environmentExample() throws {
        let names = try Self.text("env.example").split(separator: "\n")
            .filter { !$0.hasPrefix("#") && $0.contains("=") }
            .map { String($0.prefix { $0 != "=" }) }
        #expect(names.sorted() == Self.read.sorted())
    }

    @Test("README's configuration table has one row per variable, and no other")
    func readmeTable() throws {
        let readme = try Self.text("README.md")
        let section = try #require(readme.components(separatedBy: "\n## Configuration\n").dropFirst().first)
            .components(separatedBy: "\n## ").first ?? ""
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { row in
            String(row.dropFirst(3).prefix { $0 != "`" })
        }
        #expect(rows.sorted() == Self.read.sorted())
    }
}
