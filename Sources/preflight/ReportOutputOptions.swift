import ArgumentParser
import Foundation
import PreflightEngine
import PreflightReports

/// The report files besides the JSON one (`--junit`, `--sarif`, `--markdown`, `--html`, `--asff`, `--ocsf`,
/// `--output-dir`), the
/// baseline to compare with, and GitHub Actions annotations and job summary.
struct ReportOutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Write a JUnit XML report to this file ('-' for stdout).", valueName: "file"))
    var junit: String?

    @Option(help: ArgumentHelp("Write a SARIF 2.1.0 report to this file ('-' for stdout).", valueName: "file"))
    var sarif: String?

    @Option(help: ArgumentHelp("Write a Markdown summary to this file ('-' for stdout).", valueName: "file"))
    var markdown: String?

    @Option(help: ArgumentHelp("Write a self-contained HTML report to this file ('-' for stdout).", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp(
        "Write Security Hub findings (ASFF, for BatchImportFindings) to this file ('-' for stdout).", valueName: "file"))
    var asff: String?

    @Option(help: ArgumentHelp("Write OCSF 1.4 Compliance Finding events to this file ('-' for stdout).", valueName: "file"))
    var ocsf: String?

    @Option(help: ArgumentHelp(
        "Write report.json, report.junit.xml, report.sarif, report.md, report.html, report.asff.json and report.ocsf.json"
            + " to this directory.",
        valueName: "dir"))
    var outputDir: String?

    @Option(help: ArgumentHelp(
        "An earlier JSON report (e.g. of --phase pre) to show the changes since in the text, Markdown and HTML reports.",
        valueName: "file"))
    var baseline: String?

    /// The job summary shows at most this many rows per table (GitHub limits a summary to 1 MiB).
    static let summaryRows = 50

    func validate() throws {
        if files.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("only one of --junit, --sarif, --markdown, --html, --asff and --ocsf can be '-' (stdout)")
        }
    }

    /// The file flags' values, set or not.
    var files: [String?] {
        [junit, sarif, markdown, html, asff, ocsf]
    }

    /// Whether one of these reports goes to stdout.
    var writesToStandardOutput: Bool {
        files.contains("-")
    }

    /// The `--baseline` report, nil without the flag; an unreadable file is an `InputError`.
    func loadBaseline() throws -> AuditReport? {
        try baseline.map(Self.loadReport)
    }

    /// Writes every requested format of `report`; in GitHub Actions (`GITHUB_ACTIONS=true`) also prints an
    /// annotation per failure and warning (unless a report goes to stdout) and appends the Markdown summary to
    /// `$GITHUB_STEP_SUMMARY`.
    func write(
        _ report: AuditReport, rules: [RuleDescription] = [], baseline: BaselineDiff? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        var targets: [(ReportFormat, String)] = [
            (.junit, junit), (.sarif, sarif), (.markdown, markdown), (.html, html), (.asff, asff), (.ocsf, ocsf),
        ].compactMap { format, path in path.map { (format, $0) } }
        if let outputDir {
            do {
                try FileManager.default.createDirectory(atPath: outputDir, withIntermediateDirectories: true)
            } catch {
                throw InputError("\(outputDir): cannot create the output directory")
            }
            targets += ReportFormat.allCases.map { ($0, URL(fileURLWithPath: outputDir).appendingPathComponent($0.fileName).path) }
        }
        for (format, path) in targets {
            if format == .json {
                try Output.writeJSON(report, to: path)
            } else {
                let data: Data
                do {
                    data = try format.render(report, rules: rules, baseline: baseline)
                } catch let error as ASFFReportRenderer.MissingAccountError {
                    throw InputError("\(path): \(error.description)")
                }
                try Output.write(data, to: path)
            }
        }
        guard GitHubActions.isActive(environment: environment) else { return }
        if !writesToStandardOutput {
            FileHandle.standardOutput.write(Data(GitHubActions.annotations(for: report, rules: rules).utf8))
        }
        if let summaryPath = environment["GITHUB_STEP_SUMMARY"], !summaryPath.isEmpty {
            let summary = MarkdownReportRenderer(maxRows: Self.summaryRows).render(report, baseline: baseline) + "\n"
            if !FileManager.default.fileExists(atPath: summaryPath) {
                _ = FileManager.default.createFile(atPath: summaryPath, contents: nil)
            }
            guard let handle = FileHandle(forWritingAtPath: summaryPath) else {
                throw InputError("\(summaryPath): cannot append the job summary (GITHUB_STEP_SUMMARY)")
            }
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(summary.utf8))
        }
    }

    /// Reads a JSON report (`-` for stdin); an unreadable or invalid file is an `InputError`.
    static func loadReport(_ path: String) throws -> AuditReport {
        let data: Data?
        if path == "-" {
            data = try? FileHandle.standardInput.readToEnd()
        } else {
            data = FileManager.default.contents(atPath: path)
        }
        guard let data else { throw InputError("\(path): cannot read the report") }
        let report: AuditReport
        do {
            report = try AuditReport.decode(from: data)
        } catch let error as DecodingError {
            throw InputError("\(path): not a preflight JSON report (\(describe(error)))")
        } catch {
            throw InputError("\(path): not a preflight JSON report")
        }
        guard report.schemaVersion == 1 else {
            throw InputError("\(path): unsupported schemaVersion \(report.schemaVersion) (this preflight reads 1)")
        }
        return report
    }

    /// The descriptions of `rules` for the reports, with each rule's file relative to the working directory when
    /// it is inside it.
    static func ruleDescriptions(_ rules: [Rule]) -> [RuleDescription] {
        let directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path + "/"
        return rules.map { rule in
            let path = URL(fileURLWithPath: rule.source).standardizedFileURL.path
            return RuleDescription(rule, source: path.hasPrefix(directory) ? String(path.dropFirst(directory.count)) : nil)
        }
    }

    static func describe(_ error: DecodingError) -> String {
        let (context, what): (DecodingError.Context, String) = switch error {
        case .typeMismatch(_, let context): (context, "wrong type")
        case .valueNotFound(_, let context): (context, "missing value")
        case .keyNotFound(let key, let context): (context, "missing key '\(key.stringValue)'")
        case .dataCorrupted(let context): (context, "invalid data")
        @unknown default: (DecodingError.Context(codingPath: [], debugDescription: ""), "invalid")
        }
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? what : "\(what) at \(path.hasPrefix(".") ? String(path.dropFirst()) : path)"
    }
}
