import Foundation
import PreflightEngine

/// Writes the JSON report (`AuditReport.jsonData()` and a newline) to a file or stdout as it is encoded, so that
/// the encoding of a large organization's report is never held in memory. A large report's results are encoded on a
/// second thread meanwhile (`ResultsSpill`), into a temporary file that is copied in place.
public enum JSONReportFile {
    /// The report could not be written to `path`.
    public struct WriteError: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String

        public init(path: String) {
            self.path = path
        }

        public var description: String { "\(path): cannot write the report" }
    }

    /// Writes `report` to `path`, `-` meaning stdout. A file is written under a temporary name in the same folder
    /// and renamed when complete, so it is never left half-written.
    public static func write(_ report: AuditReport, to path: String) throws {
        if path == "-" {
            try write(report, to: STDOUT_FILENO, path: path)
            return
        }
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw WriteError(path: path) }
        let written = Result { try write(report, to: descriptor, path: path) }
        let closed = close(descriptor) == 0
        guard case .success = written, closed, rename(temporary, path) == 0 else {
            unlink(temporary)
            try written.get()
            throw WriteError(path: path)
        }
    }

    /// Reports with at least this many results have their `results` array encoded on a second thread
    /// (`ResultsSpill`) while the rest is encoded, so that a large organization's report takes about half as long.
    static let spillThreshold = 10_000

    private static func write(_ report: AuditReport, to descriptor: Int32, path: String) throws {
        let sink = { (bytes: UnsafeRawBufferPointer) throws in try writeAll(bytes, to: descriptor, path: path) }
        if report.results.count >= spillThreshold, let spill = ResultsSpill(report) {
            try report.writeJSON(to: sink, splicingResults: {
                if try !spill.drain(into: sink) {
                    try report.writeJSONResults(to: sink)
                }
            })
        } else {
            try report.writeJSON(to: sink)
        }
        try [UInt8(ascii: "\n")].withUnsafeBytes { try writeAll($0, to: descriptor, path: path) }
    }

    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws {
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            let written = Foundation.write(descriptor, base + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw WriteError(path: path) }
            offset += written
        }
    }
}
