import EmulatorSupport
import Foundation

/// Full pre- and post-deployment runs of `preflight check` against the sample organization, made once per test
/// process with every report format and trace logging: what they printed and wrote, the operations the emulator
/// received, and the secrets they had access to.
struct SampleRuns: Sendable {
    /// One phase's run.
    struct PhaseRun: Sendable {
        var phase: String
        var run: PreflightBinary.Run
        /// Every file the run wrote, by path.
        var files: [String: Data]
        /// Every operation the emulator received during the run, as `service:Operation`.
        var operations: [String]
    }

    /// The scenario's secret values and the API key of the parameters file.
    static let apiKey = "tmc-0123456789abcdef-preflight-api-key"
    static let scenarioSecrets = [
        "tmc-sample-api-key-not-a-secret", "0A1B2C3D-4E5F-6A7B-8C9D-0E1F2A3B4C5D", "9F8E7D6C-5B4A-3F2E-1D0C-9B8A7F6E5D4C",
    ]
    /// A malformed dsTenantId stored in one account and region of the deployed organization, so that a finding
    /// is about a secret value.
    static let malformedTenantId = "TENANT-SECRET-not-a-uuid-0123"

    var pre: PhaseRun
    var post: PhaseRun
    /// Every secret: the scenario's, the API key, the caller's secret key and the emulator's STS credentials.
    var secrets: Set<String>
    /// The report flags `preflight check --help` lists.
    var formatFlags: [String]

    static let shared = Task { try make() }

    /// The seed of moto's id generator for both scenarios.
    private static let scenarioSeed = 20

    private static func make() throws -> SampleRuns {
        let emulator = try EmulatorProcess()
        let cli = try PreflightBinary(endpoint: emulator.endpoint, environment: ["PREFLIGHT_LOG_LEVEL": "trace"])
        let help = try cli.run(["check", "--help"]).stdout
        let flags = ["--junit", "--sarif", "--markdown", "--html", "--output-dir"].filter { help.contains("\($0) <") }

        // Seeded, moto draws the same ids every run: the reports' order does not depend on random account ids.
        try emulator.seedRandom(scenarioSeed)
        let preIds = try emulator.load(scenario: "Tests/Emulator/scenarios/sample-org.yaml")
        let parameters = try cli.sampleParameters(
            scenarioIds: preIds, extra: ["CloudOneApiKeySecret": "", "CloudOneAPIKey": apiKey])
        let pre = try run(
            "pre", cli: cli, emulator: emulator, flags: flags,
            extra: ["--parameters", parameters] + (try PreflightBinary.deployerArguments(scenarioIds: preIds)))

        try emulator.reset()
        try emulator.seedRandom(scenarioSeed)
        let postIds = try emulator.load(scenario: "Tests/Emulator/scenarios/sample-org-deployed.yaml")
        try storeMalformedTenantId(emulator)
        try emulator.resetCalls()
        let post = try run(
            "post", cli: cli, emulator: emulator, flags: flags, extra: PreflightBinary.deployerArguments(scenarioIds: postIds))

        var secrets = Set(scenarioSecrets + [apiKey, malformedTenantId, "preflight-cli-test-secret"])
        secrets.formUnion(try emulator.issuedSecrets())
        return SampleRuns(pre: pre, post: post, secrets: secrets, formatFlags: flags)
    }

    private static func run(
        _ phase: String, cli: PreflightBinary, emulator: EmulatorProcess, flags: [String], extra: [String]
    ) throws -> PhaseRun {
        let output = cli.file(phase)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        var arguments = ["check", "--phase", phase, "--json", output.appendingPathComponent("report.json").path] + extra
        for flag in flags {
            let name = flag == "--output-dir" ? "all" : "report.\(flag.dropFirst(2))"
            arguments += [flag, output.appendingPathComponent(name).path]
        }
        let summary = output.appendingPathComponent("step-summary.md")
        let run = try PreflightBinary(
            endpoint: emulator.endpoint,
            environment: cli.environment.merging(["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary.path]) { $1 }
        ).run(arguments)
        var files: [String: Data] = [:]
        if let walker = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where !url.hasDirectoryPath {
                files[url.path] = try Data(contentsOf: url)
            }
        }
        let operations = try emulator.callLog().map { "\($0["service"] as? String ?? "?"):\($0["operation"] as? String ?? "?")" }
        try emulator.resetCalls()
        return PhaseRun(phase: phase, run: run, files: files, operations: operations)
    }

    private static func storeMalformedTenantId(_ emulator: EmulatorProcess) throws {
        let script = """
            import boto3, sys
            endpoint, value = sys.argv[1], sys.argv[2]
            kwargs = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
            org = boto3.client("organizations", **kwargs)
            web = next(a["Id"] for a in org.list_accounts()["Accounts"] if a["Name"] == "web-prod")
            creds = boto3.client("sts", **kwargs).assume_role(
                RoleArn=f"arn:aws:iam::{web}:role/OrganizationAccountAccessRole", RoleSessionName="tests")["Credentials"]
            ssm = boto3.client("ssm", endpoint_url=endpoint, region_name="us-west-2", aws_access_key_id=creds["AccessKeyId"],
                               aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"])
            ssm.put_parameter(Name="dsTenantId", Value=value, Type="String", Overwrite=True)
            """
        try EmulatorProcess.run(["python3", "-c", script, emulator.endpoint, malformedTenantId])
    }
}
