import Foundation
import PreflightEngine

/// The `results` array of a report, encoded on a thread of its own into an unlinked temporary file while the rest of
/// the report is encoded, then copied into the report in place.
final class ResultsSpill: @unchecked Sendable {
    private let file: UnsafeMutablePointer<FILE>
    private let finished = DispatchSemaphore(value: 0)
    /// Set by the encoding thread before it signals `finished`; read only after waiting for it.
    private var complete = false

    /// Starts encoding `report.results`; `nil` when no temporary file can be created.
    init?(_ report: AuditReport) {
        guard let file = tmpfile() else { return nil }
        self.file = file
        let descriptor = fileno(file)
        Thread.detachNewThread { [self] in
            complete = (try? report.writeJSONResults { try ReportFileWriter.writeAll($0, to: descriptor, path: "") }) != nil
            finished.signal()
        }
    }

    deinit {
        fclose(file)
    }

    /// Waits for the encoding and hands its bytes to `sink`. Returns `false`, having handed nothing, when the
    /// encoding could not be written (a full disk): the caller then encodes the results itself.
    func drain(into sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        finished.wait()
        let descriptor = fileno(file)
        guard complete, lseek(descriptor, 0, SEEK_SET) == 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw ReadError() }
            if count == 0 { return true }
            try chunk.withUnsafeBytes { try sink(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
    }

    /// The encoded results could not be read back from the temporary file.
    struct ReadError: Error, CustomStringConvertible {
        var description: String { "cannot read back the encoded results from a temporary file" }
    }
}
