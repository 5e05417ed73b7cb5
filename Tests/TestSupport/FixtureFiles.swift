public import Foundation

/// The real node recordings under `Tests/Fixtures`, found relative to this source file so the tests run from
/// any clone without reading anything outside the project.
public enum FixtureFiles {
    /// The `Tests/Fixtures` folder.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The bytes of a fixture file, by its path below `Tests/Fixtures`.
    public static func data(_ path: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(path))
    }

    /// The files of a fixture folder whose names start with `prefix`, sorted by name.
    public static func files(in folder: String, prefix: String = "") throws -> [URL] {
        let directory = root.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasPrefix(prefix) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
