import ArgumentParser
import Foundation
import PreflightEngine
import PreflightReports

/// `preflight report`: turn saved JSON reports into the other formats, or merge the reports of shards.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Convert a saved JSON report to other formats, or merge the reports of shards of one run.",
        discussion: """
            Examples:
              preflight report convert report.json --sarif report.sarif
              preflight report merge shard-1.json shard-2.json --html all.html
            """,
        subcommands: [Convert.self, Merge.self]
    )

    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a saved JSON report as JUnit XML, SARIF, Markdown, HTML, ASFF or OCSF (the text report without"
                + " options).",
            discussion: """
                Examples:
                  preflight report convert report.json --html report.html --sarif report.sarif
                  preflight report convert post.json --baseline pre.json --output-dir reports/
                """)

        @Argument(help: ArgumentHelp("A JSON report of `preflight check --json` ('-' for stdin).", valueName: "report.json"))
        var input: String

        @OptionGroup var output: Outputs

        func run() throws {
            let report = try Exit.guarding { try ReportOutputOptions.loadReport(input) }
            try output.emit(report)
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge the JSON reports of shards of one run (same phase) into one report.",
            discussion: """
                Results are united (identical ones once), the coverage, summary and status recomputed; the run \
                starts with the earliest shard and finishes with the latest. Reports of different phases or \
                organizations are refused (exit code 2).

                Example:
                  preflight report merge shard-*.json --json all.json --junit all.xml
                """)

        @Argument(help: ArgumentHelp("The shards' JSON reports.", valueName: "report.json"))
        var inputs: [String]

        @OptionGroup var output: Outputs

        func validate() throws {
            guard !inputs.isEmpty else { throw ValidationError("give the JSON reports to merge") }
            if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("only one report can be read from stdin ('-')") }
        }

        func run() throws {
            let reports = try Exit.guarding { try inputs.map(ReportOutputOptions.loadReport) }
            let merged: AuditReport
            do {
                merged = try ReportMerger.merge(reports, names: inputs)
            } catch {
                throw Exit.input(error.description)
            }
            try output.emit(merged)
        }
    }

    /// The outputs of `preflight report convert` and `merge`: `--json` and the other formats, and the text report
    /// on stdout when none goes there.
    struct Outputs: ParsableArguments {
        @Option(help: ArgumentHelp("Write the JSON report to this file ('-' for stdout).", valueName: "file"))
        var json: String?

        @OptionGroup var reports: ReportOutputOptions

        @Flag(help: "No colours in the text report (also when NO_COLOR is set).")
        var noColor = false

        @OptionGroup var rules: RulesOptions

        func validate() throws {
            if json == "-" && reports.writesToStandardOutput {
                throw ValidationError("only one report can be written to stdout ('-')")
            }
        }

        func emit(_ report: AuditReport) throws {
            let baseline = try Exit.guarding { try reports.loadBaseline() }.map { BaselineDiff(baseline: $0, current: report) }
            let descriptions = try Exit.guarding { try ruleDescriptions() }
            if let json {
                try Exit.guarding { try Output.writeJSON(report, to: json) }
            }
            try Exit.guarding { try reports.write(report, rules: descriptions, baseline: baseline) }
            let requested = json != nil || reports.files.contains { $0 != nil } || reports.outputDir != nil
            guard !requested else { return }
            let environment = ProcessInfo.processInfo.environment
            let color = !noColor && environment["NO_COLOR"] == nil && Terminal.isTerminal(STDOUT_FILENO)
            let text = TextReportRenderer(color: color, width: Terminal.columns()).render(report, baseline: baseline)
            FileHandle.standardOutput.write(Data(text.utf8))
        }

        /// The rules' descriptions from `--rules` (which must load), else from the default rules directory when it
        /// loads; without rules the reports use the results' titles.
        func ruleDescriptions() throws -> [RuleDescription] {
            if rules.rulesDirectory != nil {
                return ReportOutputOptions.ruleDescriptions(try rules.load().rules)
            }
            return (try? rules.load()).map { ReportOutputOptions.ruleDescriptions($0.rules) } ?? []
        }
    }
}
