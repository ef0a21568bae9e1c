import Foundation
import PreflightEngine
import PreflightReports

/// Writes report files through `ReportFileWriter`; `-` means stdout.
enum Output {
    static func write(_ data: Data, to path: String) throws {
        do {
            try ReportFileWriter(path: path).write(data)
        } catch let error as ReportWriteError {
            throw InputError(error.description)
        }
    }

    /// Writes the JSON report as it is encoded.
    static func writeJSON(_ report: AuditReport, to path: String) throws {
        do {
            try JSONReportFile.write(report, to: path)
        } catch let error as ReportWriteError {
            throw InputError(error.description)
        }
    }
}
