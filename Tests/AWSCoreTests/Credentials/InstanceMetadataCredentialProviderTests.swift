import AWSCore
import Foundation
import Testing

@Suite struct InstanceMetadataCredentialProviderTests {
    static let token = "AQAEAIMDSTOKEN=="
    static let roleCredentials = """
        {"Code": "Success", "Type": "AWS-HMAC", "AccessKeyId": "ASIAIMDS", "SecretAccessKey": "imds-secret",
         "Token": "imds-token", "Expiration": "2030-01-01T00:00:00Z"}
        """

    /// An IMDS that answers v2 and v1 requests for the role `preflight-role`.
    static let imdsV2: CredentialTestServer.Responder = { request in
        switch (request.method, request.uri) {
        case ("PUT", "/latest/api/token"): .init(200, token)
        case ("GET", "/latest/meta-data/iam/security-credentials/"): .init(200, "preflight-role")
        case ("GET", "/latest/meta-data/iam/security-credentials/preflight-role"): .init(200, roleCredentials)
        default: .init(404)
        }
    }

    /// An IMDS whose token endpoint answers `status` (or never, for `nil`).
    static func imds(tokenStatus: Int?) -> CredentialTestServer.Responder {
        { request in
            guard request.method == "PUT" else { return imdsV2(request) }
            return tokenStatus.map { .init($0) }
        }
    }

    private func provider(
        _ server: CredentialTestServer,
        timeout: Duration = .seconds(1),
        disabled: Bool = false,
        v1Disabled: Bool = false
    ) -> InstanceMetadataCredentialProvider {
        InstanceMetadataCredentialProvider(
            configuration: .init(
                endpoint: server.baseURL,
                timeout: timeout,
                attempts: 1,
                disabled: disabled,
                v1Disabled: v1Disabled
            ),
            httpClient: .shared
        )
    }

    @Test func imdsV2SendsTheTokenOnEveryRequest() async throws {
        try await CredentialTestServer.with(Self.imdsV2) { server in
            let credentials = try await provider(server).credentials(logger: credentialTestLogger)
            #expect(
                credentials
                    == AWSCredentials(
                        accessKeyId: "ASIAIMDS",
                        secretAccessKey: "imds-secret",
                        sessionToken: "imds-token",
                        expiration: Date(timeIntervalSince1970: 1_893_456_000)
                    )
            )
            let requests = server.requests
            #expect(requests.map(\.method) == ["PUT", "GET", "GET"])
            #expect(requests.first?.headers["x-aws-ec2-metadata-token-ttl-seconds"] == "21600")
            #expect(requests.dropFirst().allSatisfy { $0.headers["x-aws-ec2-metadata-token"] == Self.token })
        }
    }

    @Test(arguments: [403, 404, 405])
    func refusedTokenFallsBackToIMDSv1(status: Int) async throws {
        try await CredentialTestServer.with(Self.imds(tokenStatus: status)) { server in
            let credentials = try await provider(server).credentials(logger: credentialTestLogger)
            #expect(credentials.accessKeyId == "ASIAIMDS")
            #expect(server.requests.dropFirst().allSatisfy { $0.headers["x-aws-ec2-metadata-token"] == nil })
        }
    }

    @Test func tokenTimeoutFallsBackToIMDSv1() async throws {
        try await CredentialTestServer.with(Self.imds(tokenStatus: nil)) { server in
            let credentials = try await provider(server, timeout: .milliseconds(300)).credentials(
                logger: credentialTestLogger
            )
            #expect(credentials.accessKeyId == "ASIAIMDS")
        }
    }

    @Test func noFallbackWhenIMDSv1IsDisabled() async throws {
        try await CredentialTestServer.with(Self.imds(tokenStatus: 404)) { server in
            let error = await #expect(throws: CredentialProviderError.self) {
                try await provider(server, v1Disabled: true).credentials(logger: credentialTestLogger)
            }
            #expect(error?.kind == .invalid)
            #expect(server.requests.map(\.method) == ["PUT"])
        }
    }

    @Test func badTokenRequestMeansNoCredentials() async throws {
        try await CredentialTestServer.with(Self.imds(tokenStatus: 400)) { server in
            let error = await #expect(throws: CredentialProviderError.self) {
                try await provider(server).credentials(logger: credentialTestLogger)
            }
            #expect(error?.kind == .notFound)
        }
    }

    @Test func disabledMakesNoRequest() async throws {
        try await CredentialTestServer.with(Self.imdsV2) { server in
            let error = await #expect(throws: CredentialProviderError.self) {
                try await provider(server, disabled: true).credentials(logger: credentialTestLogger)
            }
            #expect(error?.kind == .notFound)
            #expect(error?.message.contains("AWS_EC2_METADATA_DISABLED") == true)
            #expect(server.requests.isEmpty)
        }
    }

    @Test func missingRoleOrIncompleteCredentialsMeanNotFound() async throws {
        let noRole: CredentialTestServer.Responder = { request in
            request.method == "PUT" ? .init(200, Self.token) : .init(404)
        }
        let errorDocument: CredentialTestServer.Responder = { request in
            if request.uri.hasSuffix("/preflight-role") {
                return .init(200, #"{"Code":"AssumeRoleUnauthorizedAccess","Message":"EC2 cannot assume the role"}"#)
            }
            return Self.imdsV2(request)
        }
        for responder in [noRole, errorDocument] {
            try await CredentialTestServer.with(responder) { server in
                let error = await #expect(throws: CredentialProviderError.self) {
                    try await provider(server).credentials(logger: credentialTestLogger)
                }
                #expect(error?.kind == .notFound)
            }
        }
    }

    @Test func configurationFromEnvironmentAndProfile() throws {
        typealias Configuration = InstanceMetadataCredentialProvider.Configuration
        #expect(try Configuration.resolve(environment: [:], profile: nil) == Configuration())
        let profile = AWSProfile(
            name: "default",
            values: [
                "ec2_metadata_service_endpoint_mode": "IPv6",
                "metadata_service_timeout": "3",
                "metadata_service_num_attempts": "2",
                "ec2_metadata_v1_disabled": "true",
            ]
        )
        #expect(
            try Configuration.resolve(environment: [:], profile: profile)
                == Configuration(
                    endpoint: "http://[fd00:ec2::254]/",
                    timeout: .seconds(3),
                    attempts: 2,
                    v1Disabled: true
                )
        )
        let environment = [
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:1338",
            "AWS_EC2_METADATA_DISABLED": "TRUE",
            "AWS_METADATA_SERVICE_TIMEOUT": "5",
        ]
        #expect(
            try Configuration.resolve(environment: environment, profile: profile)
                == Configuration(
                    endpoint: "http://127.0.0.1:1338",
                    timeout: .seconds(5),
                    attempts: 2,
                    disabled: true,
                    v1Disabled: true
                )
        )
        #expect(throws: CredentialProviderError.self) {
            try Configuration.resolve(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "IPv5"], profile: nil)
        }
        #expect(throws: CredentialProviderError.self) {
            try Configuration.resolve(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": "not a url"], profile: nil)
        }
    }
}
