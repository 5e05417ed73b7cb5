import Foundation

/// Publishes a set of files into a directory a web server reads, so that a reader never gets a half-written
/// file and a failure leaves the previous files in place.
///
/// Every file is first written in full (and flushed to disk) under a hidden temporary name in the same
/// directory; only when all of them are written and every target is checked to be replaceable are they renamed
/// over the old ones, each rename being atomic. A failure before that point removes the temporary files and
/// leaves every previous file untouched.
public struct ExportDirectory {
    /// The directory.
    public let path: String

    /// The marker in temporary names, so leftovers of a killed run can be recognised and removed.
    static let temporaryMarker = ".tmp-build-top10-"

    /// A directory at `path`; nothing is touched until `prepare` or `publish`.
    public init(path: String) {
        self.path = path
    }

    /// Creates the directory if needed and removes temporary files a killed earlier run left behind.
    /// Throws `BuildTop10Error.exportDirectoryUnusable` (a usage error) when it cannot be a directory.
    public func prepare() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw BuildTop10Error.exportDirectoryUnusable(path: path, reason: "it exists and is not a directory")
            }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw BuildTop10Error.exportDirectoryUnusable(path: path, reason: Self.reason(error))
            }
        }
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for name in leftovers where name.hasPrefix(".") && name.contains(Self.temporaryMarker) {
            try? FileManager.default.removeItem(atPath: file(name))
        }
    }

    /// Writes every file, then renames them into place; returns the names published.
    /// Throws `BuildTop10Error.exportFailed`.
    @discardableResult
    public func publish(_ files: [(name: String, contents: [UInt8])]) throws -> [String] {
        var staged: [(temporary: String, target: String)] = []
        do {
            for (name, contents) in files {
                let temporary = file(".\(name)\(Self.temporaryMarker)\(getpid())")
                staged.append((temporary, file(name)))
                try Self.write(contents, to: temporary)
            }
            for (_, target) in staged { try Self.checkReplaceable(target) }
        } catch {
            for (temporary, _) in staged { unlink(temporary) }
            throw BuildTop10Error.exportFailed(path: path, reason: Self.reason(error), filesReplaced: 0)
        }
        for (index, (temporary, target)) in staged.enumerated() where rename(temporary, target) != 0 {
            let failure = ExportFileError(path: target, operation: "rename", code: errno)
            for (leftover, _) in staged[index...] { unlink(leftover) }
            throw BuildTop10Error.exportFailed(path: path, reason: failure.description, filesReplaced: index)
        }
        return files.map(\.name)
    }

    private func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// Writes and fsyncs `contents` to a new file at `path` (world-readable, as a web root expects).
    private static func write(_ contents: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ExportFileError(path: path, operation: "create", code: errno) }
        defer { close(descriptor) }
        var written = 0
        while written < contents.count {
            let result = contents.withUnsafeBytes { bytes in
                Foundation.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw ExportFileError(path: path, operation: "write", code: errno)
            }
            written += result
        }
        guard fsync(descriptor) == 0 else { throw ExportFileError(path: path, operation: "fsync", code: errno) }
    }

    /// A target must be absent or a regular file: renaming over a directory would fail half-way through.
    private static func checkReplaceable(_ target: String) throws {
        var status = stat()
        guard lstat(target, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw ExportFileError(path: target, operation: "replace", code: EISDIR, detail: "it is not a regular file")
        }
    }

    private static func reason(_ error: any Error) -> String {
        (error as? ExportFileError)?.description ?? "\(error)"
    }
}

/// A file operation of the export that failed, with the system's reason.
struct ExportFileError: Error, CustomStringConvertible {
    var path: String
    var operation: String
    var code: Int32
    var detail: String?

    var description: String {
        "cannot \(operation) \(path): \(detail ?? String(cString: strerror(code)))"
    }
}
