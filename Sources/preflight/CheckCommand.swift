import AWSCore
import ArgumentParser
import Foundation
import Logging
import PreflightEngine
import PreflightReports

/// `preflight check`: audit the organization before or after deployment.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the organization before (--phase pre) or after (--phase post) the deployment.",
        discussion: """
            Examples:
              preflight check --phase pre --parameters params.json
              preflight check --phase post --profile org-admin --regions eu-west-1
              preflight check --phase post --output-dir report --baseline pre.json
              preflight check --phase pre --accounts 111111111111 --fail-on warn
            """
    )

    @Option(help: "pre: before the stack is created; post: after.")
    var phase: Phase

    @Option(help: ArgumentHelp("The CloudFormation parameters JSON given to create-stack.", valueName: "file"))
    var parameters: String?

    @Option(help: ArgumentHelp("Read regions, parameters, association and Lambda policies from these CloudFormation templates.", valueName: "dir-or-file"))
    var template: String?

    @Option(help: ArgumentHelp("The deployment's stack name.", valueName: "name"))
    var stackName = Defaults.stackName

    @Option(help: ArgumentHelp("The principal that deploys the stack (default: the caller's role or user).", valueName: "arn"))
    var deployerArn: String?

    @Option(help: ArgumentHelp("The custom-resource Lambda's role, to simulate instead of the template's policies.", valueName: "arn"))
    var lambdaRoleArn: String?

    @Option(help: ArgumentHelp("The role assumed in member accounts.", valueName: "name"))
    var memberRole = Defaults.memberRole

    @Option(help: ArgumentHelp("Only these accounts (comma-separated, repeatable).", valueName: "ids"))
    var accounts: [String] = []

    @Option(help: ArgumentHelp("Only these regions (comma-separated, repeatable; default: every enabled region).", valueName: "regions"))
    var regions: [String] = []

    @Option(help: ArgumentHelp("At most this many AWS calls in flight.", valueName: "n"))
    var concurrency = Defaults.concurrency

    @Option(help: ArgumentHelp("Stop after this many seconds and report what finished (incomplete, exit 3).", valueName: "seconds"))
    var timeout: Double?

    @Option(help: ArgumentHelp("Write the JSON report to this file ('-' for stdout).", valueName: "file"))
    var json: String?

    @Option(
        help: ArgumentHelp(
            "Judge dated facts (Lambda runtime deprecations) on this day instead of today (default: PREFLIGHT_AS_OF).",
            valueName: "yyyy-mm-dd"))
    var asOf: String?

    @Option(help: "Exit 1 on failures only (fail), or on warnings too (warn).")
    var failOn: FailOn = .fail

    @Flag(help: "No colours in the text report (also when NO_COLOR is set).")
    var noColor = false

    @Flag(help: "Print only the verdict line and no progress.")
    var quiet = false

    @OptionGroup var cloudOne: CloudOneOptions
    @OptionGroup var reports: ReportOutputOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var aws: AWSOptions

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case fail, warn
    }

    func validate() throws {
        guard concurrency >= 1 && concurrency <= 4096 else {
            throw ValidationError("--concurrency must be between 1 and 4096")
        }
        if let bad = ListOption.flatten(accounts).first(where: { AccountID(rawValue: $0) == nil }) {
            throw ValidationError("--accounts: '\(bad)' is not a 12-digit account id")
        }
        if let bad = ListOption.flatten(regions).first(where: { Region(rawValue: $0) == nil }) {
            throw ValidationError("--regions: '\(bad)' is not a region name")
        }
        if let timeout, !(timeout > 0 && timeout <= 86_400) {
            throw ValidationError("--timeout must be between 0 and 86400 seconds")
        }
        if let (name, day) = asOfSetting, CalendarDay(day) == nil {
            throw ValidationError("\(name): '\(day)' is not a date (expected YYYY-MM-DD)")
        }
        if json == "-" && reports.writesToStandardOutput {
            throw ValidationError("only one report can be written to stdout ('-')")
        }
    }

    func run() async throws {
        let ruleSet = try Exit.guarding { try rules.load() }
        let deploymentParameters = try Exit.guarding { try loadParameters() }
        let deployment = try Exit.guarding { try loadDeployment(defaults: ruleSet.deployment) }
        let baselineReport = try Exit.guarding { try reports.loadBaseline() }
        let workloadSecurity = try Exit.guarding { try cloudOne.settings(environment: ProcessInfo.processInfo.environment) }
        var logger = Logger(label: "preflight")
        logger.logLevel = ProcessInfo.processInfo.environment["PREFLIGHT_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .critical
        let session = try Exit.guarding { try AWSSession(options: aws, logger: logger, connectionsPerHost: concurrency) }
        var options = AuditOptions(
            phase: phase, parameters: deploymentParameters, deployment: deployment, stackName: stackName,
            deployerArn: deployerArn, lambdaRoleArn: lambdaRoleArn, memberRole: memberRole,
            accounts: accounts.isEmpty ? nil : ListOption.flatten(accounts).compactMap { AccountID(rawValue: $0) },
            regions: regions.isEmpty ? nil : ListOption.flatten(regions).compactMap { Region(rawValue: $0) },
            homeRegion: session.region,
            concurrency: concurrency)
        if let day = asOfSetting.flatMap({ CalendarDay($0.value) }) { options.now = day.start }
        options.workloadSecurity = workloadSecurity
        let progress = ProgressReporter.standardError(quiet: quiet)
        let context = AuditContext(
            options: options, client: session.client, callerCredentials: session.credentials, logger: logger,
            cloudOneTransport: AsyncHTTPClientTransport(client: session.httpClient),
            progress: { await progress?.update(done: $0.done, total: $0.total) })
        let runner = AuditRunner(rules: ruleSet.rules)
        var report = await Cancellation.run(timeout: timeout.map { .milliseconds(Int($0 * 1000)) }) {
            await runner.run(context: context)
        }
        report.tool.rulesDirectory = rules.directory().standardizedFileURL.path
        await progress?.finish()
        await session.shutdown()
        let baseline = baselineReport.map { BaselineDiff(baseline: $0, current: report) }
        if let identity = report.identityFailure {
            FileHandle.standardError.write(Data((identity.message + "\n").utf8))
        }
        try write(report, baseline: baseline)
        try Exit.guarding {
            try reports.write(report, rules: ReportOutputOptions.ruleDescriptions(ruleSet.rules), baseline: baseline)
        }
        throw exitCode(for: report)
    }

    func loadParameters() throws -> DeploymentParameters {
        guard let path = parameters else { return DeploymentParameters() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError("\(path): cannot read the parameters file")
        }
        do {
            return try DeploymentParameters.parse(data, file: path)
        } catch let error as ParametersFileError {
            throw InputError(error.description)
        }
    }

    func loadDeployment(defaults: DeploymentModel) throws -> DeploymentModel {
        guard let template else { return defaults }
        do {
            return try TemplateReader().read(path: template, defaults: defaults)
        } catch let error as TemplateError {
            throw InputError(error.description)
        }
    }

    func write(_ report: AuditReport, baseline: BaselineDiff?) throws {
        if let json {
            do {
                try JSONReportFile.write(report, to: json)
            } catch let error as JSONReportFile.WriteError {
                throw InputError(error.description)
            }
        }
        guard json != "-" && !reports.writesToStandardOutput, report.identityFailure == nil else { return }
        let environment = ProcessInfo.processInfo.environment
        let color = !noColor && environment["NO_COLOR"] == nil && Terminal.isTerminal(STDOUT_FILENO)
        let renderer = TextReportRenderer(color: color, width: Terminal.columns(environment: environment))
        let text = quiet ? renderer.verdict(report) + "\n" : renderer.render(report, baseline: baseline)
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// The day to judge dated facts on, and where it was given: `--as-of`, else `PREFLIGHT_AS_OF`.
    var asOfSetting: (name: String, value: String)? {
        if let asOf { return ("--as-of", asOf) }
        return ProcessInfo.processInfo.environment["PREFLIGHT_AS_OF"].map { ("PREFLIGHT_AS_OF", $0) }
    }

    func exitCode(for report: AuditReport) -> ExitCode {
        if report.summary.fail > 0 || (failOn == .warn && report.summary.warn > 0) { return Exit.fail }
        if report.summary.error > 0 { return Exit.incomplete }
        return Exit.pass
    }
}

extension Phase: ExpressibleByArgument {}
