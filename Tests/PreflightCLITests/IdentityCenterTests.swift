import EmulatorSupport
import Foundation
import Testing

/// IAM Identity Center profiles end to end: the emulator's SSO portal and SSO OIDC issue what its STS would, the
/// run is signed with those credentials, and the caller's `AWSReservedSSO_…` session is simulated as its role
/// under `/aws-reserved/sso.amazonaws.com/`.
@Suite(.serialized) struct IdentityCenterTests {
    let emulator: EmulatorProcess
    /// `management/AdministratorAccess` → the provisioned role's ARN.
    let roles: [String: String]

    init() throws {
        emulator = try EmulatorProcess()
        let ids = try JSONSerialization.jsonObject(with: try emulator.load(scenario: "Tests/Emulator/scenarios/sso.yaml")) as? [String: Any]
        roles = (ids?["sso"] as? [String: Any])?["roles"] as? [String: String] ?? [:]
    }

    static let sessionProfile = """
        [profile org-admin]
        sso_session = my-sso
        sso_account_id = 123456789012
        sso_role_name = AdministratorAccess

        [sso-session my-sso]
        sso_start_url = https://emulator.awsapps.com/start
        sso_region = us-east-1
        """

    static let legacyProfile = """
        [profile org-admin]
        sso_start_url = https://emulator.awsapps.com/start
        sso_region = us-east-1
        sso_account_id = 123456789012
        sso_role_name = AdministratorAccess
        """

    /// A CLI whose only credentials are the profile and the cache entry of a token issued with `token`.
    func cli(profile: String, token: [String: Any]) throws -> (PreflightBinary, [String: Any]) {
        let issued = try emulator.issueSSOToken(["user": "alice@example.com", "startUrl": "https://emulator.awsapps.com/start"].merging(token) { $1 })
        let cli = try PreflightBinary(environment: [
            "AWS_ENDPOINT_URL": emulator.endpoint, "AWS_ENDPOINT_URL_SSO": emulator.endpoint,
            "AWS_ENDPOINT_URL_SSO_OIDC": emulator.endpoint,
        ])
        _ = try cli.write("aws-config", profile)
        let cache = try #require(issued["cache"] as? [String: Any])
        let fileName = try #require(cache["fileName"] as? String)
        let entry = try JSONSerialization.data(withJSONObject: try #require(cache["entry"] as? [String: Any]))
        _ = try cli.write(".aws/sso/cache/\(fileName)", String(decoding: entry, as: UTF8.self))
        return (cli, issued)
    }

    func check(_ cli: PreflightBinary) throws -> (PreflightBinary.Run, [String: Any]) {
        try emulator.resetCalls()
        let run = try cli.run(["check", "--phase", "pre", "--profile", "org-admin", "--json", cli.file("report.json").path, "--quiet"])
        return (run, try cli.report("report.json"))
    }

    /// No secret of the run (the SSO tokens, the client secret, the role credentials) is in anything it printed.
    func expectNoSecrets(_ run: PreflightBinary.Run, _ cli: PreflightBinary, _ issued: [String: Any]) throws {
        let report = String(decoding: try Data(contentsOf: cli.file("report.json")), as: UTF8.self)
        let secrets = try emulator.issuedSecrets().union(
            ["accessToken", "refreshToken", "clientSecret"].compactMap { issued[$0] as? String })
        #expect(!secrets.isEmpty)
        for secret in secrets {
            #expect(!run.stdout.contains(secret) && !run.stderr.contains(secret) && !report.contains(secret))
        }
    }

    @Test func ssoSessionProfileRunsAsTheReservedRole() throws {
        let (cli, issued) = try cli(profile: Self.sessionProfile, token: ["sessionName": "my-sso"])
        let (run, report) = try check(cli)
        let caller = try #require(report["caller"] as? [String: Any])
        let role = try #require(roles["management/AdministratorAccess"])
        #expect(role.contains(":role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_"))
        let roleName = try #require(role.split(separator: "/").last)
        #expect(caller["arn"] as? String == "arn:aws:sts::123456789012:assumed-role/\(roleName)/alice@example.com")
        #expect(caller["principalArn"] as? String == role)
        let simulated = report.reportResults.filter { $0["ruleId"] as? String == "deployer-permissions" }
        #expect(!simulated.isEmpty)
        #expect(simulated.allSatisfy { $0["status"] as? String == "pass" }, "\(simulated.prefix(3))")
        let calls = try emulator.calls()
        #expect(calls["sso:GetRoleCredentials"] == 1 && calls["sso-oidc:CreateToken"] == nil)
        try expectNoSecrets(run, cli, issued)
    }

    @Test func legacyProfileIsKeyedByItsStartURL() throws {
        let (cli, issued) = try cli(profile: Self.legacyProfile, token: ["refreshToken": false])
        let (run, report) = try check(cli)
        #expect((report["caller"] as? [String: Any])?["accountId"] as? String == "123456789012")
        #expect(!report.reportResults.contains { $0["ruleId"] as? String == "aws-identity" }, "\(run.stderr)")
        try expectNoSecrets(run, cli, issued)
    }

    /// An expired token with a refresh token and a valid registration is refreshed through SSO OIDC, and the cache
    /// is written back with the new token, as the AWS CLI does.
    @Test func expiredTokenIsRefreshed() throws {
        let (cli, issued) = try cli(profile: Self.sessionProfile, token: ["sessionName": "my-sso", "expiresIn": -30])
        let (run, report) = try check(cli)
        #expect(!report.reportResults.contains { $0["ruleId"] as? String == "aws-identity" }, "\(run.stderr)")
        let calls = try emulator.calls()
        #expect(calls["sso-oidc:CreateToken"] == 1 && calls["sso:GetRoleCredentials"] == 1)
        let cache = try #require(issued["cache"] as? [String: Any])
        let fileName = try #require(cache["fileName"] as? String)
        let file = cli.file(".aws/sso/cache/\(fileName)")
        let written = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        #expect(written["accessToken"] as? String != issued["accessToken"] as? String)
        #expect(written["refreshToken"] as? String != issued["refreshToken"] as? String)
        #expect(written["clientId"] as? String == issued["clientId"] as? String)
        var secrets = issued
        secrets["accessToken"] = written["accessToken"]
        secrets["refreshToken"] = written["refreshToken"]
        try expectNoSecrets(run, cli, secrets)
    }

    /// An expired token that cannot be refreshed stops the run with one line and exit 3, before any check.
    @Test func expiredTokenWithoutRefreshStopsWithOneLine() throws {
        let (cli, _) = try cli(profile: Self.sessionProfile, token: ["sessionName": "my-sso", "expiresIn": -30, "refreshToken": false])
        let (run, report) = try check(cli)
        #expect(run.status == 3)
        #expect(run.stderr == "profile org-admin: the IAM Identity Center session has expired; run: aws sso login --profile org-admin\n")
        #expect(report.reportResults.map { $0["ruleId"] as? String } == ["aws-identity"])
        let calls = try emulator.calls()
        #expect(calls.keys.allSatisfy { !$0.hasPrefix("sts:") && !$0.hasPrefix("organizations:") }, "\(calls)")
    }
}
