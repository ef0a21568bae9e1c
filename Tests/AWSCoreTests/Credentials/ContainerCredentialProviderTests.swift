import Foundation
import Testing

@testable import AWSCore

@Suite struct ContainerCredentialProviderTests {
    static let ecsAnswer: CredentialTestServer.Responder = { _ in
        .init(
            200,
            """
            {"AccessKeyId": "ASIAECS", "SecretAccessKey": "ecs-secret", "Token": "ecs-token",
             "Expiration": "2030-01-01T00:00:00Z"}
            """
        )
    }

    private func provider(_ environment: [String: String], base: String = "http://169.254.170.2")
        -> ContainerCredentialProvider
    {
        ContainerCredentialProvider(
            environment: environment,
            httpClient: .shared,
            relativeURIBase: base,
            timeout: .seconds(2),
            attempts: 3,
            retryDelay: .milliseconds(10)
        )
    }

    @Test func relativeURIIsAppendedToTheAgentAddress() async throws {
        try await CredentialTestServer.with(Self.ecsAnswer) { server in
            let credentials = try await provider(
                ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/task-1"],
                base: server.baseURL
            ).credentials(logger: credentialTestLogger)
            #expect(
                credentials
                    == AWSCredentials(
                        accessKeyId: "ASIAECS",
                        secretAccessKey: "ecs-secret",
                        sessionToken: "ecs-token",
                        expiration: Date(timeIntervalSince1970: 1_893_456_000)
                    )
            )
            #expect(server.requests.map(\.uri) == ["/v2/credentials/task-1"])
            #expect(server.requests.first?.headers["accept"] == "application/json")
            #expect(server.requests.first?.headers["authorization"] == nil)
        }
    }

    @Test func fullURIWithAuthorizationToken() async throws {
        try await CredentialTestServer.with(Self.ecsAnswer) { server in
            let environment = [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/get-credentials?a=1",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Basic abc123",
            ]
            let credentials = try await provider(environment).credentials(logger: credentialTestLogger)
            #expect(credentials.accessKeyId == "ASIAECS")
            #expect(server.requests.map(\.method) == ["GET"])
            #expect(server.requests.first?.uri == "/get-credentials?a=1")
            #expect(server.requests.first?.headers["authorization"] == "Basic abc123")
        }
    }

    @Test func tokenFileBeatsTokenVariable() async throws {
        let home = try CredentialTestDirectory()
        defer { home.remove() }
        let tokenFile = try home.write("pod-identity-token", "eks-pod-identity-token")
        try await CredentialTestServer.with(Self.ecsAnswer) { server in
            let environment = [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://localhost:\(server.port)/v1/credentials",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": "ignored",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile,
            ]
            _ = try await provider(environment).credentials(logger: credentialTestLogger)
            #expect(server.requests.first?.headers["authorization"] == "eks-pod-identity-token")
        }
    }

    @Test func tokenWithALineBreakIsRejectedWithoutEchoingIt() async throws {
        let home = try CredentialTestDirectory()
        defer { home.remove() }
        let tokenFile = try home.write("token", "sekrit-token\r\n")
        try await CredentialTestServer.with(Self.ecsAnswer) { server in
            let environment = [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/creds",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile,
            ]
            let error = await #expect(throws: CredentialProviderError.self) {
                try await provider(environment).credentials(logger: credentialTestLogger)
            }
            #expect(error?.kind == .invalid)
            #expect(error?.description.contains("sekrit") == false)
            #expect(server.requests.isEmpty)
        }
    }

    @Test(arguments: ["http://192.0.2.10/creds", "http://example.com/creds", "http://169.254.169.254/creds"])
    func disallowedFullURIHostIsRejectedBeforeAnyRequest(url: String) async throws {
        let error = await #expect(throws: CredentialProviderError.self) {
            try await provider(["AWS_CONTAINER_CREDENTIALS_FULL_URI": url]).credentials(logger: credentialTestLogger)
        }
        #expect(error?.kind == .invalid)
        #expect(error?.message.contains("unsupported host") == true)
    }

    @Test(arguments: [
        ("https://credentials.example.com/v1", true),
        ("http://127.0.0.1:8080/creds", true),
        ("http://127.10.20.30/creds", true),
        ("http://[::1]:9000/creds", true),
        ("http://localhost/creds", true),
        ("http://169.254.170.2/v2/credentials", true),
        ("http://169.254.170.23/v1/credentials", true),
        ("http://[fd00:ec2::23]/v1/credentials", true),
        ("http://example.com/creds", false),
        ("http://10.0.0.1/creds", false),
        ("http://[fd00:ec2::254]/creds", false),
        ("http://128.0.0.1/creds", false),
    ])
    func fullURIRulesMatchBotocore(url: String, allowed: Bool) {
        #expect((ContainerCredentialProvider.disallowedReason(url: url) == nil) == allowed)
    }

    @Test func notFoundWithoutTheVariables() async throws {
        let error = await #expect(throws: CredentialProviderError.self) {
            try await provider([:]).credentials(logger: credentialTestLogger)
        }
        #expect(error?.kind == .notFound)
    }

    @Test func retriesServerErrorsThenSucceeds() async throws {
        let count = CredentialTestLock(0)
        let responder: CredentialTestServer.Responder = { request in
            let attempt = count.withValue { value -> Int in
                value += 1
                return value
            }
            return attempt < 3 ? .init(500, "busy") : Self.ecsAnswer(request)
        }
        try await CredentialTestServer.with(responder) { server in
            let environment = ["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/creds"]
            let credentials = try await provider(environment).credentials(logger: credentialTestLogger)
            #expect(credentials.accessKeyId == "ASIAECS")
            #expect(server.requests.count == 3)
        }
    }

    @Test func persistentFailureIsInvalidAfterThreeAttempts() async throws {
        try await CredentialTestServer.with({ _ in .init(200, "not json") }) { server in
            let environment = ["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/creds"]
            let error = await #expect(throws: CredentialProviderError.self) {
                try await provider(environment).credentials(logger: credentialTestLogger)
            }
            #expect(error?.kind == .invalid)
            #expect(error?.message.contains("after 3 attempt(s)") == true)
            #expect(server.requests.count == 3)
        }
    }
}
