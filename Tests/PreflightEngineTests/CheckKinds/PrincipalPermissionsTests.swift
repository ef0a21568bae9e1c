import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `principal-permissions`, through `deployer-permissions` (25 actions, `s3:GetObject` on its own resource) and
/// `deployer-permissions-template` (a warning rule).
@Suite struct PrincipalPermissionsTests {
    static let user = "arn:aws:iam::100000000000:user/preflight-bench"

    static func harness(_ decisions: [String: SyntheticVariations.Decision] = [:]) -> CheckKindHarness {
        var variations = SyntheticVariations()
        variations.decisions = decisions
        return CheckKindHarness(state: .pre, variations: variations)
    }

    @Test func passesEveryAllowedAction() async throws {
        let results = try await Self.harness().run("deployer-permissions")
        #expect(results.count == 25)
        #expect(results.allSatisfy { $0.status == .pass && $0.message == "\($0.resource ?? "") is allowed" })
        let s3 = try #require(results.first { $0.resource == "s3:GetObject" })
        #expect(s3.evidence["resource"] == "arn:aws:s3:::*/*")
        #expect(s3.evidence["principalArn"] == .string(Self.user))
        #expect(s3.evidence["matchedStatements"] == .array(["AdministratorAccess"]))
    }

    @Test func failsEachDeniedActionWithWhatDeniedIt() async throws {
        let results = try await Self.harness([
            "lambda:CreateFunction": .implicitDeny, "iam:CreateRole": .explicitDeny,
            "cloudformation:CreateStack": .deniedBySCP, "logs:PutLogEvents": .deniedByBoundary,
        ]).run("deployer-permissions")
        let failed = Dictionary(uniqueKeysWithValues: results.with(.fail).map { ($0.resource ?? "", $0) })
        #expect(failed.count == 4)
        #expect(results.with(.pass).count == 21)
        let implicit = try #require(failed["lambda:CreateFunction"])
        #expect(implicit.message == "\(Self.user) cannot perform lambda:CreateFunction on * (implicitDeny: no policy allows it)")
        #expect(implicit.evidence["deniedBy"] == .array([]))
        #expect(implicit.remediation?.contains("\"lambda:CreateFunction\"") == true)
        #expect(failed["iam:CreateRole"]?.evidence["deniedBy"] == .array(["explicit-deny"]))
        #expect(failed["iam:CreateRole"]?.evidence["decision"] == "explicitDeny")
        #expect(failed["iam:CreateRole"]?.remediation?.contains("remove the explicit Deny") == true)
        #expect(failed["cloudformation:CreateStack"]?.evidence["deniedBy"] == .array(["scp"]))
        #expect(failed["cloudformation:CreateStack"]?.message.hasSuffix("(implicitDeny: denied by scp)") == true)
        #expect(failed["logs:PutLogEvents"]?.evidence["deniedBy"] == .array(["permissions-boundary"]))
    }

    @Test func warnsForTheTemplateRule() async throws {
        let results = try await Self.harness(["iam:PassRole": .implicitDeny]).run("deployer-permissions-template")
        #expect(results.count == 11)
        #expect(results.with(.warn).map(\.resource) == ["iam:PassRole"])
    }

    @Test func errorsWhenTheSimulatorGivesNoDecision() async throws {
        let results = try await Self.harness(["s3:GetObject": .absent]).run("deployer-permissions")
        #expect(results.with(.error).map(\.resource) == ["s3:GetObject"])
        #expect(results.with(.error)[0].message == "the simulator returned no decision for s3:GetObject")
    }

    @Test func errorsEveryActionWhenTheSimulatorIsDenied() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("iam:SimulatePrincipalPolicy")]
        let results = try await CheckKindHarness(state: .pre, variations: variations).run("deployer-permissions")
        #expect(results.count == 25)
        #expect(results.allSatisfy { $0.status == .error && $0.evidence["missingPermission"] == "iam:SimulatePrincipalPolicy" })
        #expect(results[0].evidence["errorCode"] == "AccessDenied")
    }

    @Test func resolvesAnAssumedRoleCallerToItsRole() async throws {
        var harness = Self.harness(["iam:CreatePolicy": .implicitDeny])
        harness.callerAccount = 2
        let results = try await harness.run("deployer-permissions")
        let role = "arn:aws:iam::\(harness.id(2)):role/OrganizationAccountAccessRole"
        #expect(results.with(.fail).map(\.resource) == ["iam:CreatePolicy"])
        #expect(results.allSatisfy { $0.evidence["principalArn"] == .string(role) })
    }

    @Test func errorsWhenTheCallerRoleCannotBeRead() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("iam:GetRole")]
        var harness = CheckKindHarness(state: .pre, variations: variations)
        harness.callerAccount = 2
        let results = try await harness.run("deployer-permissions")
        #expect(results.statuses == [.error])
        #expect(results[0].evidence["missingPermission"] == "iam:GetRole")
    }
}
