import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `stackset-execution-scp`: the synthetic organization's SCPs (FullAWSAccess everywhere, plus the variations')
/// for the execution role of targeted accounts 1 and 2 (OU 0) and 3 (OU 1), in us-east-1 and us-east-2.
@Suite struct StackSetExecutionSCPTests {
    /// A Control Tower style region deny: everything outside us-east-1 but global services, exempting `exempt`.
    static func regionDeny(exempt: [String]) -> String {
        let principals = exempt.map { "\"\($0)\"" }.joined(separator: ",")
        return """
            {"Version":"2012-10-17","Statement":[{"Sid":"GRREGIONDENY","Effect":"Deny","NotAction":["iam:*","organizations:*","sts:*"],\
            "Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["us-east-1"]},"ArnNotLike":{"aws:PrincipalArn":[\(principals)]}}}]}
            """
    }

    static func harness(_ policies: [SyntheticVariations.ServiceControlPolicy]) -> CheckKindHarness {
        var variations = SyntheticVariations()
        variations.serviceControlPolicies = policies
        return CheckKindHarness(state: .pre, variations: variations)
    }

    @Test func passesWithFullAWSAccessAlone() async throws {
        let harness = Self.harness([])
        let results = try await harness.run("stackset-execution-scp")
        #expect(results.statuses == [.pass, .pass, .pass])
        #expect(results.map(\.accountId) == [harness.id(1), harness.id(2), harness.id(3)])
        #expect(results[0].evidence["evaluatedBy"] == "local")
        #expect(results[0].message == "the SCPs allow the execution role 6 actions of creating the stack instance in 2 regions")
    }

    @Test func failsTheAccountsARegionDenyBlocks() async throws {
        let harness = Self.harness([.init(
            name: "RegionDeny", content: Self.regionDeny(exempt: ["arn:aws:iam::*:role/AWSControlTowerExecution"]),
            targets: [.organizationalUnit(0)])])
        let results = try await harness.run("stackset-execution-scp")
        #expect(results.map(\.status) == [.fail, .fail, .pass])
        #expect(results.map(\.accountId) == [harness.id(1), harness.id(2), harness.id(3)])
        let denied = results[0]
        #expect(denied.region == "us-east-2")
        #expect(denied.evidence["policyName"] == "RegionDeny")
        #expect(denied.evidence["statementSid"] == "GRREGIONDENY")
        #expect(denied.evidence["action"] == "cloudformation:CreateStack")
        #expect(denied.evidence["deniedBy"] == .array(["RegionDeny"]))
        #expect(denied.evidence["policyId"] == "p-b00t0001")
        #expect(denied.message == "the SCP RegionDeny (statement GRREGIONDENY) denies cloudformation:CreateStack to the StackSet's execution role in us-east-2: the StackSet operation fails in us-east-2 and, with FailureTolerancePercentage 0, stops there for all accounts")
        #expect(denied.remediation?.contains(#""ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/stacksets-exec-*"}"#) == true)
    }

    @Test func passesWhenTheDenyExemptsTheExecutionRole() async throws {
        let harness = Self.harness([.init(
            name: "RegionDeny", content: Self.regionDeny(exempt: ["arn:aws:iam::*:role/stacksets-exec-*"]), targets: [.root])])
        let results = try await harness.run("stackset-execution-scp")
        #expect(results.statuses == [.pass, .pass, .pass])
    }

    /// A condition on what is not known before the call (the caller's IP) cannot be decided: `error`, never a pass.
    @Test func errorsOnAConditionItCannotKnow() async throws {
        let content = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":["203.0.113.0/24"]}}}]}"#
        let harness = Self.harness([.init(name: "OfficeOnly", content: content, targets: [.account(3)])])
        let results = try await harness.run("stackset-execution-scp")
        #expect(results.map(\.status) == [.pass, .pass, .error, .error])
        #expect(results[2].accountId == harness.id(3))
        #expect(results[2].message.contains("is unknown"))
    }

    @Test func errorsWhenAnSCPCannotBeRead() async throws {
        let harness = Self.harness([.init(name: "Broken", content: "{not json", targets: [.root])])
        let results = try await harness.run("stackset-execution-scp")
        #expect(results.statuses == [.error])
        #expect(results[0].message.contains("the SCP Broken (p-b00t0001) cannot be evaluated"))
    }
}
