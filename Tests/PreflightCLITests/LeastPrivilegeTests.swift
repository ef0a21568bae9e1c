import EmulatorSupport
import Foundation
import Testing

/// `preflight check` completes with exactly the published IAM policies (rules/iam/): the management account's
/// user has preflight-management.json, each member account's audit role preflight-member.json, and moto enforces
/// them (every request is authorized against the caller's identity policies).
///
/// moto evaluates actions only (the resource is always `*`), so the policies' resources are widened to `*` here;
/// the emulator's own operations (IAM simulation, SSM instance information and associations, the CloudFormation
/// extensions) are not enforced.
@Suite(.serialized) struct LeastPrivilegeTests {
    static let memberRole = "PreflightAuditRole"

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

    /// Builds `scenario` unenforced, provisions the auditor, enforces IAM and runs `phase` as the auditor.
    static func audit(
        _ phase: String, scenario: String, emulator: EmulatorProcess, user: String = "preflight-auditor",
        withoutActions: [String] = []
    ) throws -> (PreflightBinary.Run, [String: Any]) {
        try emulator.enforceIAM(false)
        try emulator.reset()
        let ids = try emulator.load(scenario: scenario)
        let roles = (try JSONSerialization.jsonObject(with: ids) as? [String: Any])?["roles"] as? [String: String] ?? [:]
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
        let run = try cli.run(arguments)
        let report = (try? cli.report("report.json")) ?? [:]
        try emulator.enforceIAM(false)
        return (run, report)
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
        let (run, report) = try Self.audit(phase, scenario: scenario, emulator: emulator)
        #expect([1, 3].contains(run.status), "exit \(run.status): \(run.stderr.suffix(2000))")
        #expect(!report.reportResults.isEmpty)
        #expect(Self.denials(report).isEmpty, "\(Self.denials(report).prefix(5))")
        let errors = report.reportResults.filter { $0["status"] as? String == "error" }
        #expect(errors.isEmpty, "\(errors.prefix(5))")
    }

    @Test func aMissingPermissionIsReportedAsDenied() throws {
        let emulator = try EmulatorProcess()
        let (run, report) = try Self.audit(
            "pre", scenario: "Tests/Emulator/scenarios/sample-org.yaml", emulator: emulator, withoutActions: ["ec2:DescribeInstances"])
        #expect([1, 3].contains(run.status), "exit \(run.status): \(run.stderr.suffix(2000))")
        let denied = Self.denials(report)
        #expect(!denied.isEmpty)
        #expect(denied.allSatisfy { ($0["evidence"] as? [String: Any])?["missingPermission"] as? String == "ec2:DescribeInstances" },
                "\(denied.prefix(5))")
    }
}
