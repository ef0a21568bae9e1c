import EmulatorSupport
import Foundation
import Testing

/// `preflight check` completes with exactly the published IAM policies (rules/iam/): the management account's
/// user has preflight-management.json, each member account's access role (the default `--member-role`)
/// preflight-member.json, and every call is authorized twice:
///
/// - moto enforces the policies while the audit runs (actions only: moto's resource is always `*`, so the
///   policies it enforces have their resources widened to `*`, and the emulator's own operations are not
///   enforced);
/// - afterwards every call the emulator received, its own operations included, is evaluated with its action and
///   resource ARNs against the published policies as they are, real resources included.
@Suite(.serialized) struct LeastPrivilegeTests {
    static let memberRole = "OrganizationAccountAccessRole"

    struct ProvisioningError: Error {
        var output: String
    }

    /// Creates the auditor user (management account) and the audit role (member accounts) with the published
    /// policies less `withoutActions`; returns the user's access key id and secret, and the regions of the `aws`
    /// partition (moto also lists China and GovCloud regions, where the user's keys do not exist).
    static func provision(_ emulator: EmulatorProcess, user: String, withoutActions: [String]) throws
        -> (keyId: String, secret: String, regions: String)
    {
        let script = """
            import boto3, json, sys
            endpoint, user, role, management_policy, member_policy = sys.argv[1:6]
            def widened(path, drop):
                document = json.load(open(path))
                for statement in document["Statement"]:
                    statement["Resource"] = "*"
                    actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
                    statement["Action"] = [a for a in actions if a not in drop]
                document["Statement"] = [s for s in document["Statement"] if s["Action"]]
                return json.dumps(document)
            drop = set(sys.argv[6:])
            kwargs = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
            iam = boto3.client("iam", **kwargs)
            iam.create_user(UserName=user)
            iam.put_user_policy(UserName=user, PolicyName="preflight", PolicyDocument=widened(management_policy, drop))
            key = iam.create_access_key(UserName=user)["AccessKey"]
            management = boto3.client("sts", **kwargs).get_caller_identity()["Account"]
            for account in boto3.client("organizations", **kwargs).list_accounts()["Accounts"]:
                if account["Id"] == management:
                    continue
                creds = boto3.client("sts", **kwargs).assume_role(
                    RoleArn=f"arn:aws:iam::{account['Id']}:role/OrganizationAccountAccessRole", RoleSessionName="setup")["Credentials"]
                member = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=creds["AccessKeyId"],
                                      aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"])
                try:
                    member.get_role(RoleName=role)
                    for name in member.list_role_policies(RoleName=role)["PolicyNames"]:
                        member.delete_role_policy(RoleName=role, PolicyName=name)
                    for attached in member.list_attached_role_policies(RoleName=role)["AttachedPolicies"]:
                        member.detach_role_policy(RoleName=role, PolicyArn=attached["PolicyArn"])
                except member.exceptions.NoSuchEntityException:
                    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                             "Principal": {"AWS": f"arn:aws:iam::{management}:root"}}]}
                    member.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps(trust))
                member.put_role_policy(RoleName=role, PolicyName="preflight", PolicyDocument=widened(member_policy, drop))
            regions = [r["RegionName"] for r in boto3.client("ec2", **kwargs).describe_regions()["Regions"]]
            print(json.dumps([key["AccessKeyId"], key["SecretAccessKey"], ",".join(r for r in regions if not r.startswith(("cn-", "us-gov-")))]))
            """
        let data = try EmulatorProcess.output(
            ["python3", "-c", script, emulator.endpoint, user, memberRole, policy("preflight-management.json"),
             policy("preflight-member.json")] + withoutActions)
        let values = try JSONSerialization.jsonObject(with: data) as? [String] ?? []
        guard values.count == 3 else { throw ProvisioningError(output: String(decoding: data, as: UTF8.self)) }
        return (values[0], values[1], values[2])
    }

    static func policy(_ name: String) -> String {
        EmulatorProcess.repositoryRoot.appendingPathComponent("rules/iam/\(name)").path
    }

    /// A published policy document, as JSON.
    static func document(_ name: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: policy(name))))
    }

    /// What one audit did: the run, its report, and every call the emulator received during it.
    struct Audit {
        var run: PreflightBinary.Run
        var report: [String: Any]
        var calls: [[String: Any]]
        var managementAccountId: String
    }

    /// Builds `scenario` unenforced, provisions the auditor, enforces IAM and runs `phase` as the auditor.
    static func audit(
        _ phase: String, scenario: String, emulator: EmulatorProcess, user: String = "preflight-auditor",
        withoutActions: [String] = []
    ) throws -> Audit {
        try emulator.enforceIAM(false)
        try emulator.reset()
        let ids = try emulator.load(scenario: scenario)
        let scenarioIds = try JSONSerialization.jsonObject(with: ids) as? [String: Any] ?? [:]
        let roles = scenarioIds["roles"] as? [String: String] ?? [:]
        let (keyId, secret, regions) = try provision(emulator, user: user, withoutActions: withoutActions)
        try emulator.enforceIAM()
        let cli = try PreflightBinary(
            endpoint: emulator.endpoint, environment: ["AWS_ACCESS_KEY_ID": keyId, "AWS_SECRET_ACCESS_KEY": secret])
        var arguments = [
            "check", "--phase", phase, "--member-role", memberRole, "--regions", regions, "--json", cli.file("report.json").path,
            "--quiet",
        ]
        if let deployer = roles["management/C1WSDeployer"] {
            arguments += ["--deployer-arn", deployer]
        }
        if phase == "pre" {
            arguments += ["--parameters", try cli.sampleParameters(scenarioIds: ids)]
        }
        try emulator.resetCalls()
        let run = try cli.run(arguments)
        let report = (try? cli.report("report.json")) ?? [:]
        try emulator.enforceIAM(false)
        return Audit(
            run: run, report: report, calls: try emulator.callLog(),
            managementAccountId: scenarioIds["managementAccountId"] as? String ?? "")
    }

    /// The audit's calls that the published policies, with their real resources, do not allow: the management
    /// account's against `management`, every member account's against `member`.
    static func unauthorizedCalls(
        _ audit: Audit, emulator: EmulatorProcess, management: Any? = nil, member: Any? = nil
    ) throws -> [[String: Any]] {
        try emulator.authorizeCalls(
            policies: [audit.managementAccountId: management ?? document("preflight-management.json")],
            otherwise: member ?? document("preflight-member.json"))
    }

    static func denials(_ report: [String: Any]) -> [[String: Any]] {
        report.reportResults.filter { result in
            let evidence = result["evidence"] as? [String: Any] ?? [:]
            return evidence["missingPermission"] != nil || (evidence["errorCode"] as? String)?.contains("Denied") == true
                || (evidence["errorCode"] as? String)?.contains("Unauthorized") == true
        }
    }

    @Test(arguments: [("pre", "Tests/Emulator/scenarios/sample-org.yaml"), ("post", "Tests/Emulator/scenarios/sample-org-deployed.yaml")])
    func publishedPoliciesAreEnough(phase: String, scenario: String) throws {
        let emulator = try EmulatorProcess()
        let audit = try Self.audit(phase, scenario: scenario, emulator: emulator)
        let (run, report) = (audit.run, audit.report)
        #expect([1, 3].contains(run.status), "exit \(run.status): \(run.stderr.suffix(2000))")
        #expect(!report.reportResults.isEmpty)
        #expect(Self.denials(report).isEmpty, "\(Self.denials(report).prefix(5))")
        let errors = report.reportResults.filter { $0["status"] as? String == "error" }
        #expect(errors.isEmpty, "\(errors.prefix(5))")

        let unauthorized = try Self.unauthorizedCalls(audit, emulator: emulator)
        #expect(unauthorized.isEmpty, "calls the published policies do not allow: \(unauthorized.prefix(5))")
        let members = audit.calls.filter { $0["accountId"] as? String != audit.managementAccountId }
        #expect(!members.isEmpty && members.count < audit.calls.count, "the audit called no member or no management account")
        let scoped = audit.calls.filter { call in (call["resources"] as? [String])?.contains { $0 != "*" } == true }
        #expect(!scoped.isEmpty, "no call named a resource: \(Set(audit.calls.compactMap { $0["action"] as? String }))")
        if phase == "post" {
            try Self.expectAWrongResourceArnIsCaught(audit, emulator: emulator)
        }
    }

    /// The resource evaluation can fail: the published policies with one resource misspelled deny exactly the calls
    /// on it.
    static func expectAWrongResourceArnIsCaught(_ audit: Audit, emulator: EmulatorProcess) throws {
        func misspelled(_ name: String, _ from: String, _ to: String) throws -> Any {
            let text = try String(contentsOf: URL(fileURLWithPath: policy(name)), encoding: .utf8)
            #expect(text.contains(from))
            return try JSONSerialization.jsonObject(with: Data(text.replacingOccurrences(of: from, with: to).utf8))
        }
        let member = try unauthorizedCalls(
            audit, emulator: emulator, member: misspelled("preflight-member.json", "parameter/dsToken", "parameter/dsTokens"))
        #expect(!member.isEmpty && member.allSatisfy { $0["action"] as? String == "ssm:GetParameters" }, "\(member.prefix(3))")
        let management = try unauthorizedCalls(
            audit, emulator: emulator,
            management: misspelled("preflight-management.json", ":role/OrganizationAccountAccessRole", ":role/OrganizationAccess"))
        #expect(
            !management.isEmpty && management.allSatisfy { $0["action"] as? String == "sts:AssumeRole" }, "\(management.prefix(3))")
    }

    @Test func aMissingPermissionIsReportedAsDenied() throws {
        let emulator = try EmulatorProcess()
        let audit = try Self.audit(
            "pre", scenario: "Tests/Emulator/scenarios/sample-org.yaml", emulator: emulator, withoutActions: ["ec2:DescribeInstances"])
        let (run, report) = (audit.run, audit.report)
        #expect([1, 3].contains(run.status), "exit \(run.status): \(run.stderr.suffix(2000))")
        let denied = Self.denials(report)
        #expect(!denied.isEmpty)
        #expect(denied.allSatisfy { ($0["evidence"] as? [String: Any])?["missingPermission"] as? String == "ec2:DescribeInstances" },
                "\(denied.prefix(5))")
    }
}
