import AWSCore
import Foundation
import Testing

/// The AWS CLI v2 order and precedence rules, through `CredentialProviderChain.default`.
@Suite struct DefaultCredentialChainTests {
    private static let staticFiles = (
        config: """
        [default]
        region = us-east-1
        [profile dev]
        aws_access_key_id = AKIDCONFIGDEV
        aws_secret_access_key = config-dev-secret
        """,
        credentials: """
        [default]
        aws_access_key_id = AKIDFILEDEFAULT
        aws_secret_access_key = file-default-secret
        [dev]
        aws_access_key_id = AKIDFILEDEV
        aws_secret_access_key = file-dev-secret
        aws_session_token = file-dev-token
        [other]
        aws_access_key_id = AKIDFILEOTHER
        aws_secret_access_key = file-other-secret
        """
    )

    private static let environmentKeys = [
        "AWS_ACCESS_KEY_ID": "AKIDENV",
        "AWS_SECRET_ACCESS_KEY": "env-secret",
        "AWS_SESSION_TOKEN": "env-token",
    ]

    private func resolve(
        profile: String? = nil,
        environment: [String: String],
        fetcher: FakeRoleFetcher = FakeRoleFetcher()
    ) async throws -> AWSCredentials {
        try await CredentialProviderChain.default(
            profile: profile,
            environment: environment,
            httpClient: .shared,
            fetcher: fetcher
        ).credentials(logger: credentialTestLogger)
    }

    private func home() throws -> CredentialTestDirectory {
        let home = try CredentialTestDirectory()
        try home.writeConfig(Self.staticFiles.config)
        try home.writeCredentials(Self.staticFiles.credentials)
        return home
    }

    @Test func environmentKeysComeFirst() async throws {
        let home = try home()
        defer { home.remove() }
        let credentials = try await resolve(environment: home.environment(Self.environmentKeys))
        #expect(
            credentials
                == AWSCredentials(accessKeyId: "AKIDENV", secretAccessKey: "env-secret", sessionToken: "env-token")
        )
    }

    @Test func environmentKeysBeatAProfileSelectedByAWSProfile() async throws {
        let home = try home()
        defer { home.remove() }
        let environment = home.environment(Self.environmentKeys.merging(["AWS_PROFILE": "dev"]) { $1 })
        #expect(try await resolve(environment: environment).accessKeyId == "AKIDENV")
    }

    @Test func explicitProfileBeatsEnvironmentKeys() async throws {
        let home = try home()
        defer { home.remove() }
        let credentials = try await resolve(profile: "dev", environment: home.environment(Self.environmentKeys))
        #expect(credentials.accessKeyId == "AKIDFILEDEV")
        #expect(credentials.sessionToken == "file-dev-token")
    }

    @Test func legacySecurityTokenIsRead() async throws {
        let environment = [
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s", "AWS_SECURITY_TOKEN": "legacy",
        ]
        #expect(try await resolve(environment: environment).sessionToken == "legacy")
    }

    @Test func accessKeyWithoutSecretStopsTheChain() async throws {
        let home = try home()
        defer { home.remove() }
        let error = await #expect(throws: CredentialProviderError.self) {
            try await resolve(environment: home.environment(["AWS_ACCESS_KEY_ID": "AKIDENV"]))
        }
        #expect(error?.kind == .invalid)
        #expect(error?.provider == "environment")
    }

    @Test func profileSelectionOrder() async throws {
        let home = try home()
        defer { home.remove() }
        #expect(try await resolve(environment: home.environment()).accessKeyId == "AKIDFILEDEFAULT")
        let both = home.environment(["AWS_PROFILE": "dev", "AWS_DEFAULT_PROFILE": "other"])
        #expect(try await resolve(environment: both).accessKeyId == "AKIDFILEDEV")
        let legacy = home.environment(["AWS_DEFAULT_PROFILE": "other"])
        #expect(try await resolve(environment: legacy).accessKeyId == "AKIDFILEOTHER")
        #expect(try await resolve(profile: "other", environment: both).accessKeyId == "AKIDFILEOTHER")
    }

    @Test func credentialsFileBeatsConfigFileAndConfigFileIsUsedAlone() async throws {
        let home = try home()
        defer { home.remove() }
        #expect(try await resolve(profile: "dev", environment: home.environment()).accessKeyId == "AKIDFILEDEV")
        try home.writeCredentials("")
        let credentials = try await resolve(profile: "dev", environment: home.environment())
        #expect(credentials == AWSCredentials(accessKeyId: "AKIDCONFIGDEV", secretAccessKey: "config-dev-secret"))
    }

    @Test func customFileLocations() async throws {
        let home = try CredentialTestDirectory()
        defer { home.remove() }
        let config = try home.write("my-config", "[profile ops]\nregion = eu-west-1\n")
        let credentials = try home.write(
            "my-credentials",
            "[ops]\naws_access_key_id = AKIDOPS\naws_secret_access_key = s\n"
        )
        let environment = home.environment([
            "AWS_CONFIG_FILE": config,
            "AWS_SHARED_CREDENTIALS_FILE": credentials,
            "AWS_PROFILE": "ops",
        ])
        #expect(try await resolve(environment: environment).accessKeyId == "AKIDOPS")
    }

    @Test(arguments: [true, false])
    func namedProfileThatDoesNotExistIsAnError(explicit: Bool) async throws {
        let home = try home()
        defer { home.remove() }
        let environment = home.environment(explicit ? [:] : ["AWS_PROFILE": "nope"])
        let error = await #expect(throws: CredentialProviderError.self) {
            try await resolve(profile: explicit ? "nope" : nil, environment: environment)
        }
        #expect(error?.kind == .invalid)
        #expect(
            error?.message
                == "profile nope not found in \(home.path)/.aws/config, \(home.path)/.aws/credentials"
        )
    }

    @Test func nothingConfiguredListsWhatWasTried() async throws {
        let home = try CredentialTestDirectory()
        defer { home.remove() }
        let error = await #expect(throws: CredentialProviderError.self) {
            try await resolve(environment: home.environment())
        }
        #expect(error?.kind == .notFound)
        #expect(error?.description == #"no AWS credentials: tried environment, profile "default" "#
            + "(~/.aws/credentials, ~/.aws/config), container credentials, instance metadata; set AWS_PROFILE or run aws configure")
    }

    @Test func webIdentityFromEnvironmentBeatsStaticKeysOfTheProfile() async throws {
        let home = try home()
        defer { home.remove() }
        let tokenFile = try home.write("token", "eyJ.web.identity")
        let fetcher = FakeRoleFetcher()
        let environment = home.environment([
            "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/GitHubActions",
            "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile,
            "AWS_ROLE_SESSION_NAME": "ci-run-7",
        ])
        let credentials = try await resolve(environment: environment, fetcher: fetcher)
        #expect(credentials.accessKeyId == "ASIA-GitHubActions")
        #expect(
            fetcher.webIdentityCalls == [
                .init(
                    roleArn: "arn:aws:iam::123456789012:role/GitHubActions",
                    sessionName: "ci-run-7",
                    webIdentityToken: "eyJ.web.identity",
                    region: "us-east-1"
                )
            ]
        )
    }

    @Test func webIdentityEnvironmentIsIgnoredWithAnExplicitProfile() async throws {
        let home = try home()
        defer { home.remove() }
        let tokenFile = try home.write("token", "eyJ.web.identity")
        let fetcher = FakeRoleFetcher()
        let environment = home.environment([
            "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/GitHubActions",
            "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile,
        ])
        let credentials = try await resolve(profile: "default", environment: environment, fetcher: fetcher)
        #expect(credentials.accessKeyId == "AKIDFILEDEFAULT")
        #expect(fetcher.webIdentityCalls.isEmpty)
    }

    @Test func fallsThroughToInstanceMetadata() async throws {
        let home = try CredentialTestDirectory()
        defer { home.remove() }
        try await CredentialTestServer.with(InstanceMetadataCredentialProviderTests.imdsV2) { server in
            var environment = home.environment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL])
            environment["AWS_EC2_METADATA_DISABLED"] = nil
            let credentials = try await resolve(environment: environment)
            #expect(credentials.accessKeyId == "ASIAIMDS")
            #expect(server.requests.count == 3)
        }
    }

    @Test func fallsThroughToTheContainerEndpointBeforeInstanceMetadata() async throws {
        let home = try CredentialTestDirectory()
        defer { home.remove() }
        try await CredentialTestServer.with(ContainerCredentialProviderTests.ecsAnswer) { server in
            let environment = home.environment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/creds"])
            let credentials = try await resolve(environment: environment)
            #expect(credentials.accessKeyId == "ASIAECS")
        }
    }
}
