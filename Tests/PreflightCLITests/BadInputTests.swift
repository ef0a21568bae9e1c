import EmulatorSupport
import Foundation
import Testing

/// Mistakes in a parameters file or a rule file stop `preflight` before any AWS call: exit code 2 and one line on
/// stderr naming the file and the line of the mistake, never a secret value.
@Suite struct BadInputTests {
    /// A file with a mistake, where it is, and a word the message must contain.
    struct Mistake: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var line: Int
        var says: String

        init(_ name: String, _ text: String, line: Int, says: String) {
            self.init(name, bytes: Array(text.utf8), line: line, says: says)
        }

        init(_ name: String, bytes: [UInt8], line: Int, says: String) {
            self.name = name
            self.bytes = bytes
            self.line = line
            self.says = says
        }

        var testDescription: String { name }
    }

    static let secret = "tmc-secret-api-key-0123456789"

    static let parameterMistakes: [Mistake] = [
        Mistake("truncated JSON", """
            [
              {"ParameterKey": "CronJob", "ParameterValue": "cron(15 10 * * ? *)"},
              {"ParameterKey": "AccountAdminStatus",
            """, line: 3, says: "not valid JSON"),
        Mistake("object, not array", #"{"ParameterKey": "CronJob", "ParameterValue": "rate(1 day)"}"#, line: 1, says: "JSON array"),
        Mistake("item is a string", """
            [
              {"ParameterKey": "CronJob", "ParameterValue": "cron(15 10 * * ? *)"},
              "AccountAdminStatus=SELF"
            ]
            """, line: 3, says: "not an object"),
        Mistake("ParameterKey missing", """
            [
              {"ParameterKey": "CronJob", "ParameterValue": "cron(15 10 * * ? *)"},

              {"ParameterValue": "SELF"}
            ]
            """, line: 4, says: "ParameterKey"),
        Mistake("ParameterKey is a number", """
            [
              {"ParameterKey": 5, "ParameterValue": "SELF"}
            ]
            """, line: 2, says: "ParameterKey"),
        Mistake("unknown parameter", """
            [
              {"ParameterKey": "CronJob", "ParameterValue": "cron(15 10 * * ? *)"},
              {
                "ParameterKey": "CronJobs",
                "ParameterValue": "rate(1 day)"
              }
            ]
            """, line: 4, says: "CronJobs"),
        Mistake("ParameterValue is a number", """
            [
              {"ParameterKey": "AccountAdminStatus", "ParameterValue": 1}
            ]
            """, line: 2, says: "ParameterValue"),
        Mistake("duplicate secret parameter", """
            [
              {"ParameterKey": "CloudOneAPIKey", "ParameterValue": "\(secret)"},
              {"ParameterKey": "CronJob", "ParameterValue": "cron(15 10 * * ? *)"},
              {"ParameterKey": "CloudOneAPIKey", "ParameterValue": "\(secret)"}
            ]
            """, line: 4, says: "twice"),
        Mistake("secret, then a syntax error", """
            [
              {"ParameterKey": "CloudOneAPIKey", "ParameterValue": "\(secret)"
            ]
            """, line: 3, says: "not valid JSON"),
        Mistake("trailing comma", """
            [
              {"ParameterKey": "CronJob", "ParameterValue": "cron(15 10 * * ? *)"},
            ]
            """, line: 3, says: "not valid JSON"),
        Mistake("empty file", "", line: 1, says: "not valid JSON"),
        Mistake("invalid UTF-8", bytes: Array(#"[{"ParameterKey": "CronJob", "ParameterValue": ""#.utf8) + [0xC3, 0x28] + Array(#""}]"#.utf8),
                line: 1, says: "not valid JSON"),
        Mistake("nested 100000 deep", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
                line: 1, says: "JSON"),
    ]

    @Test(arguments: parameterMistakes)
    func parametersFileMistake(_ mistake: Mistake) throws {
        let cli = try PreflightBinary(endpoint: "http://127.0.0.1:9")
        let path = cli.file("params/parameters.json").path
        try FileManager.default.createDirectory(at: cli.file("params"), withIntermediateDirectories: true)
        try Data(mistake.bytes).write(to: URL(fileURLWithPath: path))
        let run = try cli.run(["check", "--phase", "pre", "--parameters", path])
        Self.expectOneLine(run, file: path, line: mistake.line, says: mistake.says)
        #expect(!run.stderr.contains(Self.secret))
    }

    @Test func missingParametersFile() throws {
        let cli = try PreflightBinary(endpoint: "http://127.0.0.1:9")
        let path = cli.file("absent.json").path
        let run = try cli.run(["check", "--phase", "pre", "--parameters", path])
        #expect(run.status == 2)
        #expect(run.stderr == "preflight: error: \(path): cannot read the parameters file\n")
    }

    @Test(arguments: ["0", "-1", "abc", "100000"])
    func invalidTimeoutIsRefused(_ value: String) throws {
        let run = try PreflightBinary(endpoint: "http://127.0.0.1:9").run(["check", "--phase", "pre", "--timeout", value])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--timeout"))
    }

    static let ruleMistakes: [Mistake] = [
        Mistake("unclosed quote", """
            id: bad-rule
            title: "Every instance
            severity: fail
            """, line: 3, says: "invalid YAML"),
        Mistake("tab indentation", "id: bad-rule\ndata:\n\tkey: value\n", line: 3, says: "invalid YAML"),
        Mistake("unknown key", rule(extra: "colour: red\n"), line: 7, says: "colour"),
        Mistake("missing id", rule().replacingOccurrences(of: "id: bad-rule\n", with: ""), line: 1, says: "'id'"),
        Mistake("bad id", rule().replacingOccurrences(of: "id: bad-rule", with: "id: Bad_Rule"), line: 1, says: "Bad_Rule"),
        Mistake("unknown severity", rule().replacingOccurrences(of: "severity: fail", with: "severity: critical"), line: 3,
                says: "critical"),
        Mistake("unknown phase", rule().replacingOccurrences(of: "phases: [pre]", with: "phases:\n  - pre\n  - during"),
                line: 6, says: "during"),
        Mistake("phases not a list", rule().replacingOccurrences(of: "phases: [pre]", with: "phases: pre"), line: 4,
                says: "list"),
        Mistake("unknown kind", rule().replacingOccurrences(of: "kind: ssm-agent", with: "kind: ssm-agnet"), line: 5,
                says: "ssm-agnet"),
        Mistake("bad kind data", """
            id: bad-rule
            title: Parameters
            severity: fail
            phases: [pre]
            kind: deployment-parameters
            why: because
            data:
              cloudOneRegions: us-1
              secretArnPattern: x
              kmsKeyArnPattern: y
            """, line: 8, says: "cloudOneRegions"),
        Mistake("duplicate id", rule().replacingOccurrences(of: "id: bad-rule", with: "id: ssm-agent"), line: 1,
                says: "already defined"),
        Mistake("duplicate key", rule(extra: "title: Again\n"), line: 7, says: "duplicate"),
        Mistake("empty file", "", line: 1, says: "empty"),
        Mistake("a list, not a mapping", "- id: bad-rule\n- title: x\n", line: 1, says: "mapping"),
        Mistake("invalid UTF-8", bytes: Array("id: bad-rule\ntitle: ".utf8) + [0xFF, 0xFE] + Array("\n".utf8), line: 2,
                says: "UTF-8"),
        Mistake("alias bomb", """
            id: bad-rule
            a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
            f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
            g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
            h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
            """, line: 2, says: "'a'"),
    ]

    /// A valid rule file (the ssm-agent check) with `extra` lines appended.
    static func rule(extra: String = "") -> String {
        "id: bad-rule\ntitle: A rule\nseverity: fail\nphases: [pre]\nkind: ssm-agent\nwhy: because\n" + extra
    }

    @Test(arguments: ruleMistakes)
    func ruleFileMistake(_ mistake: Mistake) throws {
        let cli = try PreflightBinary(endpoint: "http://127.0.0.1:9")
        let rules = try Self.rulesDirectory(cli)
        let path = rules.appendingPathComponent("zz-bad.yaml").path
        try Data(mistake.bytes).write(to: URL(fileURLWithPath: path))
        let clock = ContinuousClock()
        let started = clock.now
        for arguments in [["rules", "list", "--rules", rules.path], ["check", "--phase", "pre", "--rules", rules.path]] {
            let run = try cli.run(arguments)
            Self.expectOneLine(run, file: path, line: mistake.line, says: mistake.says)
        }
        #expect(clock.now - started < .seconds(30))
    }

    @Test func brokenDeploymentModel() throws {
        let cli = try PreflightBinary(endpoint: "http://127.0.0.1:9")
        let rules = try Self.rulesDirectory(cli)
        let path = rules.appendingPathComponent("deployment.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "stackSetName: C1WS-SSM-StackSet", with: "stackSetName: [C1WS-SSM-StackSet]")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let line = text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("stackSetName:") }.map { $0 + 1 } ?? 0
        Self.expectOneLine(try cli.run(["rules", "list", "--rules", rules.path]), file: path, line: line, says: "stackSetName")
    }

    /// A copy of the repository's deployment model and one good rule.
    static func rulesDirectory(_ cli: PreflightBinary) throws -> URL {
        let rules = cli.file("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        let source = EmulatorProcess.repositoryRoot.appendingPathComponent("rules")
        for name in ["deployment.yaml", "ssm-agent.yaml"] {
            // Copy the contents: the repository's files may be symbolic links, which the tests must not write through.
            try Data(contentsOf: source.appendingPathComponent(name)).write(to: rules.appendingPathComponent(name))
        }
        return rules
    }

    static func expectOneLine(
        _ run: PreflightBinary.Run, file: String, line: Int, says: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(run.status == 2, "stderr: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(run.stderr.hasSuffix("\n") && run.stderr.dropLast().allSatisfy { $0 != "\n" },
                "not one line: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.hasPrefix("preflight: error: \(file):\(line): "), "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.contains(says), "\(run.stderr)", sourceLocation: sourceLocation)
    }
}
