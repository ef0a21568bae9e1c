import EmulatorSupport
import Foundation
import Testing

/// `preflight check --template` end to end against the emulator: the facts of edited templates, not those of the
/// bundled deployment model, reach the results.
@Suite(.serialized) struct TemplateCLITests {
    /// The regions the edited StackSet deploys to, instead of the 16 of the real template.
    static let regions = ["us-east-1", "eu-west-1"]
    static let edits: [String: [(String, String)]] = [
        "c1ws-ssm-orgs.template.yaml": [
            ("StackSetName: C1WS-SSM-StackSet", "StackSetName: Custom-StackSet"),
            // The outer template's pattern of dsManagerUrl, which the deployed value does not match.
            (#"AllowedPattern: '^https://(app\.deepsecurity|workload)\.trend.*\.com:443$'"#,
             #"AllowedPattern: '^https://manager\.example$'"#),
            // A parameter more, which no account has.
            ("          C1WSDistributorPackage:\n",
             "          DSProxyParam:\n            Type: \"AWS::SSM::Parameter\"\n            Properties:\n"
                + "              Name: \"dsProxyUrl\"\n              Type: \"String\"\n              Value: !Ref dsManagerUrl\n"
                + "          C1WSDistributorPackage:\n"),
            ("Name: AWS-ConfigureAWSPackage", "Name: Custom-Document"),
            ("                  - Install\n", "                  - Uninstall\n"),
            ("Default: '*'", "Default: 'i-0custom'"),
            ("Default: 'cron(15 10 * * ? *)'", "Default: 'cron(30 4 ? * MON *)'"),
        ],
        "AgentDeploymentScriptParse.template.yaml": [
            ("LambdaExecutionRole", "CustomLambdaRole"),
            ("- kms:Decrypt", "- kms:Encrypt"),
        ],
    ]

    let emulator: EmulatorProcess
    let cli: PreflightBinary
    let template: String

    init() throws {
        emulator = try EmulatorProcess()
        cli = try PreflightBinary(endpoint: emulator.endpoint)
        template = try Self.editedTemplates(in: cli)
    }

    /// The real templates, copied to the scratch directory with `edits` and `regions` applied; returns the directory.
    static func editedTemplates(in cli: PreflightBinary) throws -> String {
        let source = EmulatorProcess.repositoryRoot.appendingPathComponent("Tests/Emulator/templates")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name.hasSuffix(".yaml") {
            var text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
            for (old, new) in edits[name] ?? [] {
                #expect(text.contains(old), "\(name) has no \(old)")
                text = text.replacingOccurrences(of: old, with: new)
            }
            if name == "c1ws-ssm-orgs.template.yaml" {
                let list = try #require(text.range(of: #"(?s)(?<=          - Regions:\n).*?(?=            DeploymentTargets:)"#, options: .regularExpression))
                text.replaceSubrange(list, with: regions.map { "            - \($0)\n" }.joined())
            }
            _ = try cli.write("templates/\(name)", text)
        }
        return cli.file("templates").path
    }

    func check(_ phase: String, _ arguments: [String]) throws -> [[String: Any]] {
        let run = try cli.run(["check", "--phase", phase, "--template", template, "--json", cli.file("\(phase).json").path, "--quiet"] + arguments)
        #expect(run.status == 1, "exit \(run.status): \(run.stderr.suffix(2000))")
        return try cli.report("\(phase).json").reportResults
    }

    /// The Lambda role's name and policies and the association's default schedule come from the template.
    @Test func preDeploymentUsesTheTemplatesLambdaPoliciesAndSchedule() throws {
        let ids = try emulator.load(scenario: "Tests/Emulator/scenarios/sample-org.yaml")
        let results = try check("pre", [
            "--parameters", try cli.sampleParameters(scenarioIds: ids, extra: ["CronJob": ""]),
        ] + PreflightBinary.deployerArguments(scenarioIds: ids))

        let lambda = results.filter { $0["ruleId"] as? String == "lambda-permissions" }
        #expect(lambda.count >= 7)
        for result in lambda {
            let evidence = result["evidence"] as? [String: Any]
            #expect(evidence?["principalArn"] as? String == "template:CustomLambdaRole", "\(result)")
            let denied = evidence?["action"] as? String == "kms:Decrypt"
            #expect(result["status"] as? String == (denied ? "fail" : "pass"), "\(result)")
        }
        #expect(lambda.contains { ($0["message"] as? String)?.contains("template:CustomLambdaRole cannot perform kms:Decrypt") == true })

        let cron = results.filter { $0["ruleId"] as? String == "deployment-parameters" && $0["resource"] as? String == "CronJob" }
        #expect(cron.map { $0["message"] as? String } == ["CronJob 'cron(30 4 ? * MON *)' is a valid SSM schedule"])
    }

    /// The StackSet's name and regions, the SSM parameters and their patterns, and the association's document,
    /// parameters and targets come from the template.
    @Test func postDeploymentUsesTheTemplatesStackSetParametersAndAssociation() throws {
        let ids = try emulator.load(scenario: "Tests/Emulator/scenarios/sample-org-deployed.yaml")
        let results = try check("post", PreflightBinary.deployerArguments(scenarioIds: ids))
        func of(_ rule: String) -> [[String: Any]] { results.filter { $0["ruleId"] as? String == rule } }
        func messages(_ rule: String) -> [String] { of(rule).compactMap { $0["message"] as? String } }

        #expect(messages("stackset-instances").contains("StackSet Custom-StackSet does not exist"), "\(messages("stackset-instances"))")
        #expect(!results.contains { $0["resource"] as? String == "C1WS-SSM-StackSet" })

        for rule in ["ssm-parameters", "ssm-association"] {
            let regions = Set(of(rule).compactMap { $0["region"] as? String })
            #expect(regions == Set(Self.regions), "\(rule): \(regions.sorted())")
        }
        let parameters = of("ssm-parameters")
        #expect(parameters.contains { ($0["message"] as? String) == "SSM parameter dsProxyUrl is missing" })
        #expect(parameters.contains {
            ($0["message"] as? String)?.hasPrefix("SSM parameter dsManagerUrl: ") == true
                && ($0["message"] as? String)?.hasSuffix(#"does not match ^https://manager\.example$"#) == true
        }, "\(messages("ssm-parameters"))")

        var expected: [String: String] = [:]
        for result in of("ssm-association") {
            guard let evidence = result["evidence"] as? [String: Any], let field = evidence["field"] as? String else { continue }
            expected[field] = evidence["expected"] as? String
        }
        #expect(expected["document"] == "Custom-Document", "\(messages("ssm-association").prefix(5))")
        #expect(expected["parameters.action"] == "Uninstall")
        #expect(expected["targets"] == "InstanceIds=i-0custom")
    }
}
