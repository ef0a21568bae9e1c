import Foundation
import Testing

@Suite struct CLITests {
    @Test(arguments: [
        (["--help"], "preflight-help.txt"), (["check", "--help"], "check-help.txt"), (["rules", "--help"], "rules-help.txt"),
        (["rules", "list", "--help"], "rules-list-help.txt"), (["rules", "explain", "--help"], "rules-explain-help.txt"),
        (["report", "--help"], "report-help.txt"), (["report", "convert", "--help"], "report-convert-help.txt"),
        (["report", "merge", "--help"], "report-merge-help.txt"), (["rules", "list"], "rules-list.txt"),
    ])
    func outputMatchesGolden(_ arguments: [String], _ golden: String) throws {
        let output = try CLIRunner.run(arguments)
        #expect(output.status == 0)
        #expect(try CLIRunner.matchesGolden(output.stdout, golden))
    }

    @Test(arguments: [[], ["check"], ["rules"], ["rules", "list"], ["rules", "explain"], ["report"], ["report", "convert"], ["report", "merge"]])
    func everyHelpHasExamplesThatFit(_ command: [String]) throws {
        let help = try CLIRunner.run(command + ["--help"]).stdout
        let examples = help.components(separatedBy: "\n").drop { !$0.hasPrefix("Example") }.dropFirst().prefix { !$0.isEmpty }
        #expect(!examples.isEmpty, "\(command) --help has no examples")
        #expect(examples.allSatisfy { $0.hasPrefix("  preflight ") }, "an example is wrapped: \(examples)")
    }

    @Test func explainTeachesTheRule() throws {
        let output = try CLIRunner.run(["rules", "explain", "deployer-permissions"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("Why it matters"))
        #expect(output.stdout.contains("Remediation"))
        #expect(output.stdout.contains("What it checks\n  The deployer's permissions"))
        #expect(output.stdout.contains("IAM policy to add for a missing permission"))
        #expect(output.stdout.contains("\"Version\": \"2012-10-17\""))
        #expect(output.stdout.contains("\"Resource\": \"arn:${AWS::Partition}:s3:::${TrendStagingS3Bucket}/*\""))
        #expect(output.stdout.contains("What Preflight calls for this rule\n  management account: iam:SimulatePrincipalPolicy"))
    }

    @Test func explainGivesTheStatementForOneAction() throws {
        let output = try CLIRunner.run(["rules", "explain", "lambda-permissions", "--action", "KMS:Decrypt"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("\n  {\"Effect\": \"Allow\", \"Action\": \"kms:Decrypt\", \"Resource\": \"${TrendKeyArn}\"}\n"))
        #expect(!output.stdout.contains("secretsmanager:GetSecretValue\""))
    }

    @Test(arguments: [
        ("lambda-permissions", "iam:PassRole", "rule 'lambda-permissions' does not check iam:PassRole (it checks secretsmanager:GetSecretValue, "),
        ("ssm-agent", "ssm:GetParameters", "rule 'ssm-agent' does not check ssm:GetParameters (it evaluates no principal's permissions)"),
    ])
    func explainRejectsAnActionTheRuleDoesNotCheck(rule: String, action: String, message: String) throws {
        let output = try CLIRunner.run(["rules", "explain", rule, "--action", action])
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("preflight: error: --action: " + message), "\(output.stderr)")
        #expect(output.stderr.split(separator: "\n").count == 1)
    }

    @Test func unknownRuleIsBadInput() throws {
        let output = try CLIRunner.run(["rules", "explain", "no-such-rule"])
        #expect(output.status == 2)
        #expect(output.stderr == "preflight: error: unknown rule 'no-such-rule' (see `preflight rules list`)\n")
    }

    @Test(arguments: [
        ("[\n {\"ParameterKey\": \"CronJob\", \"ParameterValue\": 5}\n]", ":2: CronJob: ParameterValue is missing or not a string"),
        ("[\n {\"ParameterKey\": \"Colour\", \"ParameterValue\": \"x\"}\n]", ":2: ParameterKey 'Colour' is not a parameter"),
        ("{", ":1: not valid JSON"),
    ])
    func badParametersFileIsOneLineAndExitTwo(_ text: String, _ message: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("params-\(UUID().uuidString).json")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try CLIRunner.run(["check", "--phase", "pre", "--parameters", file.path])
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("preflight: error: \(file.path)\(message)"))
        #expect(output.stderr.split(separator: "\n").count == 1)
        #expect(output.stdout.isEmpty)
    }

    @Test func badRuleFileIsOneLineAndExitTwo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("rules")
        try FileManager.default.copyItem(
            at: rules.appendingPathComponent("deployment.yaml"), to: directory.appendingPathComponent("deployment.yaml"))
        try "id: broken\ntitle: t\nseverity: fail\nphases: [pre]\nkind: ssm-agent\nwhy: w\ndata:\n  colour: red\n"
            .write(to: directory.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let output = try CLIRunner.run(["check", "--phase", "pre", "--rules", directory.path])
        #expect(output.status == 2)
        #expect(output.stderr == "preflight: error: \(directory.path)/broken.yaml:8: data: unknown key 'colour' (this kind takes no data)\n")
    }

    @Test(arguments: [
        (["check"], "Missing expected argument '--phase <phase>'"),
        (["check", "--phase", "during"], "The value 'during' is invalid for '--phase <phase>'"),
        (["check", "--phase", "pre", "--accounts", "123"], "--accounts: '123' is not a 12-digit account id"),
        (["check", "--phase", "pre", "--regions", "us-east-1,Mars"], "--regions: 'Mars' is not a region name"),
        (["check", "--phase", "pre", "--concurrency", "0"], "--concurrency must be between 1 and 4096"),
        (["check", "--phase", "pre", "--as-of", "2027-02-30"], "--as-of: '2027-02-30' is not a date (expected YYYY-MM-DD)"),
        (["check", "--phase", "pre", "--agent-stale", "5x"], "--agent-stale: '5x' is not a duration (for example 30m, 24h, 2d)"),
        (["check", "--phase", "pre", "--cloudone-region", "mars-1.example"], "--cloudone-region: 'mars-1.example' is not a Cloud One region"),
        (["check", "--phase", "pre", "--cloudone-api-key-file", "/nonexistent/key"], "/nonexistent/key: cannot read the Cloud One API key file"),
        (["check", "--phase", "pre", "--cloudone-api-key-file", "k", "--cloudone-api-key-secret"],
         "--cloudone-api-key-file and --cloudone-api-key-secret cannot be given together"),
    ])
    func badFlagsExitTwo(_ arguments: [String], _ message: String) throws {
        let output = try CLIRunner.run(arguments)
        #expect(output.status == 2)
        #expect(output.stderr.contains(message))
    }
}
