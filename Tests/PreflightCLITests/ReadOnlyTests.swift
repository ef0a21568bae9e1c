import Foundation
import Testing

/// Full pre- and post-deployment runs send nothing but reads: every operation the emulator received is a Get, List,
/// Describe, Simulate or Head operation, or an STS call that obtains credentials or the caller's identity.
@Suite struct ReadOnlyTests {
    static func isReadOnly(_ call: String) -> Bool {
        let parts = call.split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { return false }
        if parts[0] == "sts" { return ["AssumeRole", "GetCallerIdentity"].contains(String(parts[1])) }
        return ["Get", "List", "Describe", "Simulate", "Head"].contains { parts[1].hasPrefix($0) }
    }

    @Test(arguments: ["pre", "post"])
    func everyOperationIsARead(phase: String) async throws {
        let runs = try await SampleRuns.shared.value
        let run = phase == "pre" ? runs.pre : runs.post
        #expect(run.operations.count > 20)
        let writes = run.operations.filter { !Self.isReadOnly($0) }
        #expect(writes.isEmpty, "\(phase) sent \(Set(writes).sorted())")
        #expect(!run.operations.contains("secretsmanager:GetSecretValue"), "a secret's value was read")
        let expected = phase == "pre"
            ? ["sts:GetCallerIdentity", "sts:AssumeRole", "organizations:ListAccountsForParent", "ec2:DescribeInstances",
               "ssm:DescribeInstanceInformation", "iam:SimulatePrincipalPolicy", "s3:HeadObject", "s3:GetBucketLocation",
               "servicequotas:GetServiceQuota", "cloudformation:ListStackSets"]
            : ["cloudformation:DescribeStacks", "cloudformation:ListStackInstances", "ssm:GetParameters",
               "ssm:DescribeAssociationExecutionTargets"]
        #expect(Set(expected).isSubset(of: Set(run.operations)), "\(phase): \(Set(run.operations).sorted())")
    }

    @Test func theFilterRejectsWrites() {
        for write in ["ssm:PutParameter", "ec2:RunInstances", "cloudformation:CreateStack", "sts:AssumeRoleWithSAML",
                      "iam:CreateRole", "ssm:StartAssociationsOnce", "s3:PutObject", "account:EnableRegion", "?:Unknown", "garbage"] {
            #expect(!Self.isReadOnly(write), "\(write)")
        }
        #expect(Self.isReadOnly("ssm:DescribeInstanceInformation") && Self.isReadOnly("sts:AssumeRole"))
    }
}
