import Foundation
import PreflightEngine

/// Writes the JSON report (`AuditReport.jsonData()` and a newline) through `ReportFileWriter` as it is encoded, so
/// that the encoding of a large organization's report is never held in memory. A large report's results are encoded
/// on a second thread meanwhile (`ResultsSpill`), into a temporary file that is copied in place.
public enum JSONReportFile {
    /// The report could not be written to `path`.
    public typealias WriteError = ReportWriteError

    /// Writes `report` to `path`, `-` meaning stdout.
    public static func write(_ report: AuditReport, to path: String) throws {
        try ReportFileWriter(path: path).write { sink in
            if report.results.count >= spillThreshold, let spill = ResultsSpill(report) {
                try report.writeJSON(to: sink, splicingResults: {
                    if try !spill.drain(into: sink) {
                        try report.writeJSONResults(to: sink)
                    }
                })
            } else {
                try report.writeJSON(to: sink)
            }
            try [UInt8(ascii: "\n")].withUnsafeBytes { try sink($0) }
        }
    }

    /// Reports with at least this many results have their `results` array encoded on a second thread
    /// (`ResultsSpill`) while the rest is encoded, so that a large organization's report takes about half as long.
    static let spillThreshold = 10_000
}
