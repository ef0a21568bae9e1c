import Foundation

/// Writes a report to a path given on the command line, for every format. Standard output (`-`, `/dev/stdout`,
/// `/dev/stderr`), character devices and FIFOs are written directly. Anything else is written to a new temporary
/// file made by `mkstemp` in the target's folder, then renamed over the target, so that a file is never left
/// half-written and no predictable name is opened: the report holds findings, so a new file is readable by its owner
/// only (0600), while a file that exists keeps its mode.
public struct ReportFileWriter: Sendable {
    public typealias Sink = (UnsafeRawBufferPointer) throws -> Void

    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Writes `data` to the path.
    public func write(_ data: Data) throws {
        try write { sink in try data.withUnsafeBytes { try sink($0) } }
    }

    /// Writes to the path the bytes `produce` hands to its sink. When `produce` throws, a file target is left as it was.
    public func write(_ produce: (Sink) throws -> Void) throws {
        if let descriptor = Self.standardStreams[path] {
            return try produce { try write($0, to: descriptor) }
        }
        var target = stat()
        guard stat(path, &target) == 0 else {
            guard errno == ENOENT else { throw ReportWriteError(path: path) }
            return try replace(existing: nil, produce)
        }
        switch target.st_mode & S_IFMT {
        case S_IFCHR, S_IFIFO: try writeDirectly(produce)
        case S_IFREG: try replace(existing: target, produce)
        default: throw ReportWriteError(path: path)
        }
    }

    private static let standardStreams = ["-": STDOUT_FILENO, "/dev/stdout": STDOUT_FILENO, "/dev/stderr": STDERR_FILENO]

    /// Writes into the device or FIFO at the path, as opened (a FIFO waits for its reader).
    private func writeDirectly(_ produce: (Sink) throws -> Void) throws {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw ReportWriteError(path: path) }
        defer { close(descriptor) }
        var opened = stat()
        guard fstat(descriptor, &opened) == 0, [S_IFCHR, S_IFIFO].contains(opened.st_mode & S_IFMT) else {
            throw ReportWriteError(path: path)
        }
        try produce { try write($0, to: descriptor) }
    }

    /// Writes a temporary file next to the path and renames it over the path; `existing` is the file there, if any,
    /// whose mode (and, when allowed, owner) the new file takes.
    private func replace(existing: stat?, _ produce: (Sink) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        var template = Array(url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).XXXXXX").path.utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw ReportWriteError(path: path) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let written = Result {
            if let existing {
                _ = fchown(descriptor, existing.st_uid, existing.st_gid)
                guard fchmod(descriptor, existing.st_mode & 0o7777) == 0 else { throw ReportWriteError(path: path) }
            }
            try produce { try write($0, to: descriptor) }
        }
        let closed = close(descriptor) == 0
        guard case .success = written, closed, rename(temporary, path) == 0 else {
            unlink(temporary)
            try written.get()
            throw ReportWriteError(path: path)
        }
    }

    private func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) throws {
        try Self.writeAll(bytes, to: descriptor, path: path)
    }

    /// Writes all of `bytes` to `descriptor`; a failure is a `ReportWriteError` naming `path`.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws {
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            let written = Foundation.write(descriptor, base + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw ReportWriteError(path: path) }
            offset += written
        }
    }
}
