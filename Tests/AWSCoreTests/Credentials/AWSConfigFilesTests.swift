import Testing

@testable import AWSCore

@Suite struct AWSConfigFilesTests {
    @Test func mapsConfigSectionsToProfilesAndMergesTheCredentialsFile() throws {
        let home = try CredentialTestDirectory()
        defer { home.remove() }
        try home.writeConfig(
            """
            [default]
            region = us-east-1
            [profile dev]
            region = eu-west-1
            output = json
            [profile "with space"]
            region = ap-south-1
            [sso-session corp]
            sso_region = us-east-1
            [plain]
            region = nowhere
            """
        )
        try home.writeCredentials("[dev]\nregion = eu-central-1\naws_access_key_id = AKIDDEV\n[only-creds]\nx = 1\n")
        let files = try AWSConfigFiles.load(environment: home.environment())

        #expect(files.configPath == home.path + "/.aws/config")
        #expect(files.credentialsPath == home.path + "/.aws/credentials")
        #expect(Set(files.configProfiles.keys) == ["default", "dev", "with space"])
        #expect(files.profileNames == ["default", "dev", "only-creds", "with space"])
        #expect(
            files.profile(named: "dev")?.values == [
                "region": "eu-central-1", "output": "json", "aws_access_key_id": "AKIDDEV",
            ]
        )
        #expect(files.region(profile: "dev") == "eu-central-1")
        #expect(files.region(profile: "with space") == "ap-south-1")
        #expect(files.region(profile: "plain") == nil)
        #expect(files.profile(named: "missing") == nil)
    }

    @Test func pathsComeFromTheEnvironmentWithExpansion() {
        let paths = AWSConfigFiles.filePaths(environment: [
            "HOME": "/home/me",
            "AWS_CONFIG_FILE": "~/custom/config",
            "AWS_SHARED_CREDENTIALS_FILE": "${CREDS_DIR}/credentials-$STAGE-$UNSET",
            "CREDS_DIR": "/etc/aws",
            "STAGE": "prod",
        ])
        #expect(paths.config == "/home/me/custom/config")
        #expect(paths.credentials == "/etc/aws/credentials-prod-$UNSET")
        #expect(AWSConfigFiles.filePaths(environment: [:]).config == nil)
    }

    @Test func missingFilesAreEmpty() throws {
        let files = try AWSConfigFiles.load(configPath: "/nonexistent/config", credentialsPath: nil)
        #expect(files.profileNames.isEmpty)
    }

    @Test func malformedFileErrorNamesFileAndLine() throws {
        let home = try CredentialTestDirectory()
        defer { home.remove() }
        let path = try home.writeCredentials("[default]\naws_access_key_id = AKID\naws_secret_access_key SECRETVALUE\n")
        let error = #expect(throws: CredentialProviderError.self) {
            try AWSConfigFiles.load(environment: home.environment())
        }
        let description = error?.description ?? ""
        #expect(error?.kind == .invalid)
        #expect(description.contains(path) && description.contains("line 3"))
        #expect(!description.contains("SECRETVALUE") && !description.contains("\n"))
    }

    @Test func selectsTheProfileLikeTheCLI() {
        let environment = ["AWS_PROFILE": "fromProfile", "AWS_DEFAULT_PROFILE": "fromDefault"]
        #expect(AWSConfigFiles.selectedProfileName(explicit: "cli", environment: environment) == "cli")
        #expect(AWSConfigFiles.selectedProfileName(explicit: nil, environment: environment) == "fromProfile")
        #expect(AWSConfigFiles.selectedProfileName(explicit: nil, environment: ["AWS_DEFAULT_PROFILE": "d"]) == "d")
        #expect(AWSConfigFiles.selectedProfileName(explicit: nil, environment: ["AWS_PROFILE": ""]) == nil)
    }

    @Test func resolvesTheRegionLikeTheCLI() throws {
        let home = try CredentialTestDirectory()
        defer { home.remove() }
        try home.writeConfig("[default]\nregion = us-west-2\n[profile dev]\nregion = eu-west-1\n")
        let environment = home.environment()

        #expect(try AWSConfigFiles.resolveRegion(explicit: nil, profile: nil, environment: environment) == "us-west-2")
        #expect(
            try AWSConfigFiles.resolveRegion(explicit: nil, profile: "dev", environment: environment) == "eu-west-1"
        )
        let withDefaultRegion = home.environment(["AWS_DEFAULT_REGION": "ca-central-1"])
        #expect(
            try AWSConfigFiles.resolveRegion(explicit: nil, profile: "dev", environment: withDefaultRegion)
                == "ca-central-1"
        )
        let withRegion = home.environment(["AWS_DEFAULT_REGION": "ca-central-1", "AWS_REGION": "sa-east-1"])
        #expect(try AWSConfigFiles.resolveRegion(explicit: nil, profile: "dev", environment: withRegion) == "sa-east-1")
        #expect(
            try AWSConfigFiles.resolveRegion(explicit: "af-south-1", profile: "dev", environment: withRegion)
                == "af-south-1"
        )
        #expect(throws: CredentialProviderError.self) {
            try AWSConfigFiles.resolveRegion(explicit: nil, profile: "nope", environment: environment)
        }
    }
}
