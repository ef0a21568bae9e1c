import AWSCore
import Foundation
import Logging
import Testing

@Suite struct ProfileCredentialProviderTests {
    private static let roleConfig = """
        [profile admin]
        role_arn = arn:aws:iam::111111111111:role/Admin
        source_profile = base
        external_id = ext-1
        role_session_name = preflight
        duration_seconds = 1800
        region = eu-west-1

        [profile deep]
        role_arn = arn:aws:iam::222222222222:role/Deep
        source_profile = admin

        [profile loop-a]
        role_arn = arn:aws:iam::333333333333:role/A
        source_profile = loop-b

        [profile loop-b]
        role_arn = arn:aws:iam::333333333333:role/B
        source_profile = loop-a

        [profile self]
        role_arn = arn:aws:iam::444444444444:role/Self
        source_profile = self
        aws_access_key_id = AKIDSELF
        aws_secret_access_key = self-secret

        [profile from-env]
        role_arn = arn:aws:iam::555555555555:role/FromEnv
        credential_source = Environment

        [profile from-imds]
        role_arn = arn:aws:iam::555555555555:role/FromImds
        credential_source = Ec2InstanceMetadata

        [profile bogus-source]
        role_arn = arn:aws:iam::555555555555:role/Bogus
        credential_source = Laptop

        [profile both]
        role_arn = arn:aws:iam::555555555555:role/Both
        credential_source = Environment
        source_profile = base

        [profile orphan]
        role_arn = arn:aws:iam::555555555555:role/Orphan

        [profile dangling]
        role_arn = arn:aws:iam::555555555555:role/Dangling
        source_profile = ghost

        [profile empty-source]
        role_arn = arn:aws:iam::555555555555:role/Empty
        source_profile = nothing

        [profile nothing]
        region = us-east-2

        [profile mfa]
        role_arn = arn:aws:iam::555555555555:role/Mfa
        source_profile = base
        mfa_serial = arn:aws:iam::111111111111:mfa/me
        """

    private static let baseCredentials = """
        [base]
        aws_access_key_id = AKIDBASE
        aws_secret_access_key = base-secret
        """

    private func provider(
        _ profile: String?,
        environment: [String: String],
        fetcher: FakeRoleFetcher
    ) -> any CredentialProvider {
        CredentialProviderChain.default(
            profile: profile,
            environment: environment,
            httpClient: .shared,
            fetcher: fetcher
        )
    }

    private func withHome(_ body: (CredentialTestDirectory) async throws -> Void) async throws {
        let home = try CredentialTestDirectory()
        defer { home.remove() }
        try home.writeConfig(Self.roleConfig)
        try home.writeCredentials(Self.baseCredentials)
        try await body(home)
    }

    private func invalidError(
        _ profile: String?,
        environment: [String: String],
        fetcher: FakeRoleFetcher = FakeRoleFetcher()
    ) async -> CredentialProviderError? {
        let error = await #expect(throws: CredentialProviderError.self) {
            try await provider(profile, environment: environment, fetcher: fetcher).credentials(
                logger: credentialTestLogger
            )
        }
        #expect(error?.kind == .invalid)
        return error
    }

    @Test func roleWithSourceProfileAssumesTheRoleWithTheSourceCredentials() async throws {
        try await withHome { home in
            let fetcher = FakeRoleFetcher()
            let credentials = try await provider("admin", environment: home.environment(), fetcher: fetcher)
                .credentials(logger: credentialTestLogger)
            #expect(credentials.accessKeyId == "ASIA-Admin")
            #expect(credentials.secretAccessKey == "assumed-secret-Admin")
            #expect(
                fetcher.assumeRoleCalls == [
                    .init(
                        roleArn: "arn:aws:iam::111111111111:role/Admin",
                        sessionName: "preflight",
                        externalId: "ext-1",
                        durationSeconds: 1800,
                        region: "eu-west-1",
                        sourceAccessKeyId: "AKIDBASE"
                    )
                ]
            )
        }
    }

    @Test func sourceProfileThatAssumesARoleChainsTheCalls() async throws {
        try await withHome { home in
            let fetcher = FakeRoleFetcher()
            let environment = home.environment(["AWS_REGION": "ap-southeast-2"])
            let credentials = try await provider("deep", environment: environment, fetcher: fetcher)
                .credentials(logger: credentialTestLogger)
            #expect(credentials.accessKeyId == "ASIA-Deep")
            let calls = fetcher.assumeRoleCalls
            #expect(
                calls.map(\.roleArn) == ["arn:aws:iam::111111111111:role/Admin", "arn:aws:iam::222222222222:role/Deep"]
            )
            #expect(calls.map(\.sourceAccessKeyId) == ["AKIDBASE", "ASIA-Admin"])
            #expect(calls.allSatisfy { $0.region == "ap-southeast-2" })
            #expect(calls[1].sessionName.hasPrefix("botocore-session-"))
            #expect(calls[1].externalId == nil && calls[1].durationSeconds == nil)
        }
    }

    @Test func sourceProfileCycleIsDetected() async throws {
        try await withHome { home in
            let fetcher = FakeRoleFetcher()
            let error = await invalidError("loop-a", environment: home.environment(), fetcher: fetcher)
            #expect(error?.message.contains("infinite loop") == true)
            #expect(error?.message.contains("loop-a -> loop-b -> loop-a") == true)
            #expect(fetcher.assumeRoleCalls.isEmpty)
        }
    }

    @Test func profileMayBeItsOwnSourceWithStaticKeys() async throws {
        try await withHome { home in
            let fetcher = FakeRoleFetcher()
            let credentials = try await provider("self", environment: home.environment(), fetcher: fetcher)
                .credentials(logger: credentialTestLogger)
            #expect(credentials.accessKeyId == "ASIA-Self")
            #expect(fetcher.assumeRoleCalls.map(\.sourceAccessKeyId) == ["AKIDSELF"])
        }
    }

    @Test func credentialSourceEnvironmentUsesEnvironmentKeysEvenWithAnExplicitProfile() async throws {
        try await withHome { home in
            let fetcher = FakeRoleFetcher()
            let environment = home.environment(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret"])
            let credentials = try await provider("from-env", environment: environment, fetcher: fetcher)
                .credentials(logger: credentialTestLogger)
            #expect(credentials.accessKeyId == "ASIA-FromEnv")
            #expect(fetcher.assumeRoleCalls.map(\.sourceAccessKeyId) == ["AKIDENV"])
            #expect(fetcher.assumeRoleCalls.map(\.region) == ["us-east-1"])
        }
    }

    @Test func credentialSourceWithoutCredentialsIsAnError() async throws {
        try await withHome { home in
            let error = await invalidError("from-imds", environment: home.environment())
            #expect(error?.message.contains("no credentials found in credential_source Ec2InstanceMetadata") == true)
        }
    }

    @Test(arguments: [
        ("bogus-source", "credential_source Laptop is not valid"),
        ("both", "both source_profile and credential_source"),
        ("orphan", "needs source_profile or credential_source"),
        ("dangling", "source_profile ghost does not exist"),
        ("empty-source", "source profile nothing has no credentials"),
        ("mfa", "mfa_serial"),
    ])
    func invalidRoleConfigurationIsReported(profile: String, message: String) async throws {
        try await withHome { home in
            let fetcher = FakeRoleFetcher()
            let error = await invalidError(profile, environment: home.environment(), fetcher: fetcher)
            #expect(error?.message.contains(message) == true, "\(String(describing: error))")
            #expect(fetcher.assumeRoleCalls.isEmpty)
        }
    }

    @Test func webIdentityFromAProfile() async throws {
        let home = try CredentialTestDirectory()
        defer { home.remove() }
        let tokenFile = try home.write("eks-token", "k8s-projected-token")
        try home.writeConfig(
            """
            [profile eks]
            role_arn = arn:aws:iam::123456789012:role/Pod
            web_identity_token_file = \(tokenFile)
            region = us-west-2
            """
        )
        let fetcher = FakeRoleFetcher()
        let credentials = try await provider("eks", environment: home.environment(), fetcher: fetcher)
            .credentials(logger: credentialTestLogger)
        #expect(credentials.accessKeyId == "ASIA-Pod")
        #expect(fetcher.webIdentityCalls.map(\.webIdentityToken) == ["k8s-projected-token"])
        #expect(fetcher.webIdentityCalls.map(\.region) == ["us-west-2"])
        #expect(fetcher.assumeRoleCalls.isEmpty)
    }

    @Test func webIdentityWithoutRoleArnIsAnError() async throws {
        let home = try CredentialTestDirectory()
        defer { home.remove() }
        let tokenFile = try home.write("token", "t")
        let error = await invalidError(nil, environment: home.environment(["AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile]))
        #expect(error?.message.contains("no role ARN") == true)
    }

    @Test func webIdentityFromTheEnvironmentWorksWithoutAnyFile() async throws {
        let home = try CredentialTestDirectory()
        defer { home.remove() }
        let tokenFile = try home.write("token", "oidc")
        let fetcher = FakeRoleFetcher()
        let environment = home.environment([
            "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/Ci",
            "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile,
            "AWS_DEFAULT_REGION": "eu-north-1",
        ])
        let credentials = try await provider(nil, environment: environment, fetcher: fetcher)
            .credentials(logger: credentialTestLogger)
        #expect(credentials.accessKeyId == "ASIA-Ci")
        #expect(fetcher.webIdentityCalls.count == 1)
        #expect(fetcher.webIdentityCalls.first?.sessionName.hasPrefix("botocore-session-") == true)
        #expect(fetcher.webIdentityCalls.first?.region == "eu-north-1")
    }

    @Test func fetcherFailureStopsTheChainWithContext() async throws {
        struct AccessDenied: Error, CustomStringConvertible {
            var description: String { "AccessDenied: not authorized to perform sts:AssumeRole" }
        }
        struct FailingFetcher: RoleCredentialFetcher {
            func assumeRole(
                roleArn: String,
                sessionName: String,
                externalId: String?,
                durationSeconds: Int?,
                region: String,
                source: any CredentialProvider,
                logger: Logging.Logger
            ) async throws -> AWSCredentials { throw AccessDenied() }
            func assumeRoleWithWebIdentity(
                roleArn: String,
                sessionName: String,
                webIdentityToken: String,
                region: String,
                logger: Logging.Logger
            ) async throws -> AWSCredentials { throw AccessDenied() }
        }
        try await withHome { home in
            let chain = CredentialProviderChain.default(
                profile: "admin",
                environment: home.environment(),
                httpClient: .shared,
                fetcher: FailingFetcher()
            )
            let error = await #expect(throws: CredentialProviderError.self) {
                try await chain.credentials(logger: credentialTestLogger)
            }
            #expect(error?.kind == .invalid)
            #expect(error?.provider == "profile admin")
            #expect(error?.message.contains("AccessDenied") == true)
            #expect(error?.description.contains("base-secret") == false)
        }
    }
}
