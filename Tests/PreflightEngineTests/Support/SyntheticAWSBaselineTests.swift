import Crypto
import SyntheticAWS
import Testing

/// With no variation configured, `SyntheticAWS` answers byte for byte as the Benchmarks package's copy did before it
/// moved here (the hashes were computed from that copy), so that bench figures stay comparable.
@Suite struct SyntheticAWSBaselineTests {
    static let post = SyntheticAWS(organization: SyntheticOrganization(accounts: 5, regions: 17, instances: 12, accountsPerOU: 2))
    static let pre = SyntheticAWS(
        organization: SyntheticOrganization(accounts: 5, regions: 17, instances: 12, accountsPerOU: 2, state: .pre))
    static let management = "AKIAPREFLIGHTTESTS01"
    static let member = "ASIA100000000002BNCH"
    static let association = post.organization.associationId(account: 2, region: 1)
    static let execution0 = post.organization.executionId(account: 2, region: 1, number: 0)
    static let execution1 = post.organization.executionId(account: 2, region: 1, number: 1)

    static func q(_ service: String, _ region: String, _ operation: String, _ key: String, _ form: [String: String] = [:])
        -> SyntheticRequest
    {
        var form = form
        form["Action"] = operation
        return SyntheticRequest(service: service, region: region, operation: operation, accessKeyId: key, form: form, json: [])
    }

    static func j(_ service: String, _ region: String, _ operation: String, _ key: String, _ json: String = "{}")
        -> SyntheticRequest
    {
        SyntheticRequest(service: service, region: region, operation: operation, accessKeyId: key, form: [:], json: Array(json.utf8))
    }

    /// The SHA-256 of the status, content type and body.
    static func digest(_ response: SyntheticResponse) -> String {
        let bytes = Array("\(response.status) \(response.contentType)\n".utf8) + response.body
        return SHA256.hash(data: bytes).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    static let cases: [(name: String, aws: SyntheticAWS, request: SyntheticRequest, digest: String)] = [
        ("sts-caller-management", post, q("sts", "us-east-1", "GetCallerIdentity", management),
         "3f0e386d8e6c1e470eee578d2f263b427c66f28fced2bae594b823326a77f43c"),
        ("sts-caller-member", post, q("sts", "us-east-1", "GetCallerIdentity", member),
         "e4f8765869b025ce9a5e2f38600ab6c2f207c812d9aa3745658c7aeec234c41c"),
        ("org-describe", post, j("organizations", "us-east-1", "DescribeOrganization", management),
         "0f0ce648babd61fe954c9a87601a9fbbfd6f3c2bfd214d71f4bbf3b125d0fa83"),
        ("org-roots", post, j("organizations", "us-east-1", "ListRoots", management),
         "68d452250bfbb67971a708c53d8ac366c3575611dba69f8a549faefd623ef4cf"),
        ("org-units-root", post, j("organizations", "us-east-1", "ListOrganizationalUnitsForParent", management, "{\"ParentId\":\"r-b00t\"}"),
         "994da469a747caf8cec209ff43df6a504979a0a2990a62eac88df70c050e23e0"),
        ("org-accounts-root", post, j("organizations", "us-east-1", "ListAccountsForParent", management, "{\"ParentId\":\"r-b00t\"}"),
         "a34e12e6e7c50915d76cec8c4ec1dd6bcd8041fe7fcc3c3d9815bb3938f0719d"),
        ("org-accounts-ou1", post, j("organizations", "us-east-1", "ListAccountsForParent", management, "{\"ParentId\":\"ou-b00t-00000001\"}"),
         "e221dd60fb75a7a516f8d4cfa70f7ffe598fd5d029b881b01076e5565131f44d"),
        ("org-service-access", post, j("organizations", "us-east-1", "ListAWSServiceAccessForOrganization", management),
         "5751ae88824979c0e38b64edb4727b861969de2d9b84d2ecd5a56267c01f2155"),
        ("org-delegated", post, j("organizations", "us-east-1", "ListDelegatedAdministrators", management),
         "12fc931e97963ff2535357aade7701da779d32c8f79fedf60e229e0bd830dba9"),
        ("ec2-regions", post, q("ec2", "us-east-1", "DescribeRegions", member),
         "3d23c9b56017ac482e82714daf59e5f417eb90fba2a0174934c526b0fbd792c5"),
        ("ec2-instances", post, q("ec2", "us-east-2", "DescribeInstances", member),
         "64fa9bd5a5479377cd9e6beed5442665ca3d050ac726b433e1376d996dddba3a"),
        ("ec2-instances-page", post, q("ec2", "us-east-2", "DescribeInstances", member, ["MaxResults": "5", "NextToken": "p5"]),
         "776a83775c704700ce55a5be4eb94b74449677705b94756eaaba99d28e55c386"),
        ("ec2-instances-other-region", post, q("ec2", "af-south-1", "DescribeInstances", "ASIA100000000003BNCH"),
         "37d88c6d7ddeb8b7a54d4ba51ca4493c70a1f809b48a90999c614669b1874ef2"),
        ("ssm-information", post, j("ssm", "us-east-1", "DescribeInstanceInformation", member),
         "1c43bf978f5a2cb522a3487a7bc021110cc5c7f2c54913e7167e79c7ba65d756"),
        ("ssm-parameters", post, j("ssm", "us-east-2", "GetParameters", member),
         "5b4faa6d89f742a5174dc7cea3a3db27b40211729dc29952250d31f05dbe45d9"),
        ("ssm-parameters-pre", pre, j("ssm", "us-east-2", "GetParameters", member),
         "b3749bbeea6fd0faf414527e2d2c0b83b564691456cf1990aeb0accd25b54fb7"),
        ("ssm-associations", post, j("ssm", "us-east-2", "ListAssociations", member),
         "6862146f99e406a9d8b8c04fec582c36d46c4e03e1da5e4b26bac9989512ae61"),
        ("ssm-association", post, j("ssm", "us-east-2", "DescribeAssociation", member, "{\"AssociationId\":\"\(association)\"}"),
         "0d61c26af0093a1e55c6d04264ba68d0ff00c8733a37df030c6d63624b730380"),
        ("ssm-executions", post, j("ssm", "us-east-2", "DescribeAssociationExecutions", member, "{\"AssociationId\":\"\(association)\"}"),
         "cf4809acfb5bc4e8b4f161fb8dd38296232c36c32b303a9d82ea52ef4401d747"),
        ("ssm-targets-newest", post, j("ssm", "us-east-2", "DescribeAssociationExecutionTargets", member, "{\"AssociationId\":\"\(association)\",\"ExecutionId\":\"\(execution0)\"}"),
         "d0357bb944c1e89d727589cef76ba3f7fa737409a0d5c8184bf5416e9b9c1d2e"),
        ("ssm-targets-older", post, j("ssm", "us-east-2", "DescribeAssociationExecutionTargets", member, "{\"AssociationId\":\"\(association)\",\"ExecutionId\":\"\(execution1)\"}"),
         "108d6d709721c932ef03ed7748ed83ad1075686611796e5d24009266df1996ed"),
        ("cfn-stack", post, q("cloudformation", "us-east-1", "DescribeStacks", management, ["StackName": "ABI-TM-SSM"]),
         "4eeb2a8e3ddf20c072535ff2086153815233ad9151d67eed3eb885847d2d2a05"),
        ("cfn-resources", post, q("cloudformation", "us-east-1", "ListStackResources", management, ["StackName": "ABI-TM-SSM"]),
         "f5fe8eecf41c98c18089a8e3b02d93310060210589c4ef87fb07167a10093366"),
        ("cfn-stack-pre", pre, q("cloudformation", "us-east-1", "DescribeStacks", management, ["StackName": "ABI-TM-SSM"]),
         "fcf061e47d04fee23b46468e3a95471ab84e45de58d9126536f36242ce3e0151"),
        // DescribeStackSet gained AutoDeployment, OrganizationalUnitIds and StackSetDriftDetectionDetails when the
        // StackSet rules started calling it (the benchmarks had never called it).
        ("cfn-stackset", post, q("cloudformation", "us-east-1", "DescribeStackSet", management, ["StackSetName": "C1WS-SSM-StackSet"]),
         "6b7cedde0aa7e66809210663a54c99397cdc6ccaab3e559b7e126e66f6c6b7d6"),
        ("cfn-instances", post, q("cloudformation", "us-east-1", "ListStackInstances", management, ["StackSetName": "C1WS-SSM-StackSet"]),
         "b61e11b8bba9725c53c2e539d3740f4e6d705bff0874ffac5d267db5b25c1e7d"),
        ("cfn-instances-page", post, q("cloudformation", "us-east-1", "ListStackInstances", management, ["StackSetName": "C1WS-SSM-StackSet", "MaxResults": "5", "NextToken": "p5"]),
         "4add42a70b33c6e435394f8b7bcebbb67cd236af25d48660bcba259305c55099"),
        ("iam-simulate", post, q("iam", "us-east-1", "SimulatePrincipalPolicy", management, ["PolicySourceArn": "arn:aws:iam::100000000000:user/preflight-bench", "ActionNames.member.1": "s3:GetObject", "ActionNames.member.2": "iam:PassRole", "ResourceArns.member.1": "arn:aws:s3:::bucket/*"]),
         "98c44fff463d08558c412bf72d8a74b4531a82dc9359c2846b1cd6e8c1e160e4"),
        ("iam-role", post, q("iam", "us-east-1", "GetRole", management, ["RoleName": "Deployer"]),
         "8350932620faee468a93bbd99c0feae89bf8d7dab1e7c0e0f34ef9db7e4bd0c4"),
        ("unknown", post, j("ssm", "us-east-1", "PutParameter", member),
         "d7fa9353b8384589b23dbfebaa89636ed6ec9b968e57afd51b69749ad61f6ed5"),
    ]

    @Test(arguments: cases.map(\.name))
    func answersAsBeforeTheMove(_ name: String) throws {
        let entry = try #require(Self.cases.first { $0.name == name })
        #expect(Self.digest(entry.aws.respond(to: entry.request)) == entry.digest)
    }

    @Test(arguments: [
        ("ec2", "ba79111bba4910ebb0bc0abdf2a11a90e9ea98846a5c6cebdc089c358ec99e44"),
        ("ssm", "605affe0f064b63d74281cb826bb0983075ab87da7f13f36a0165269cdbec681"),
        ("iam", "16b004ebfbebb0b7b98514930c795290e086e6f23fdb7778cd69377dfa74c82e"),
    ])
    func throttlesAsBeforeTheMove(_ service: String, _ digest: String) {
        #expect(Self.digest(.throttling(service: service)) == digest)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
