import AWSCore
import EmulatorSupport
import Foundation
import Logging
import Testing

@testable import AWSServices

/// `STSRoleCredentialFetcher` over the real client against the emulator's STS: the credentials moto issues come
/// back, `ExternalId`, `DurationSeconds` and `WebIdentityToken` go out on the wire, and the web identity call is
/// unsigned.
@Suite(.serialized) struct STSRoleCredentialFetcherEmulatorTests {
    struct Ids: Decodable {
        var accounts: [String: String]
    }

    /// Keeps every request the client sends, then sends it on.
    final class RecordingTransport: HTTPTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var recorded: [AWSHTTPRequest] = []
        let wrapped: any HTTPTransport

        init(wrapping wrapped: any HTTPTransport) {
            self.wrapped = wrapped
        }

        var requests: [AWSHTTPRequest] { lock.withLock { recorded } }

        func send(_ request: AWSHTTPRequest, timeout: Duration) async throws -> AWSHTTPResponse {
            lock.withLock { recorded.append(request) }
            return try await wrapped.send(request, timeout: timeout)
        }
    }

    static let setup: Result<(EmulatorProcess, Ids), any Error> = Result {
        let emulator = try EmulatorProcess()
        let ids = try JSONDecoder().decode(Ids.self, from: emulator.load(scenario: "Tests/Emulator/scenarios/sample-org.yaml"))
        return (emulator, ids)
    }

    let emulator: EmulatorProcess
    let member: String
    let transport: RecordingTransport
    let fetcher: STSRoleCredentialFetcher
    let management = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDMANAGEMENT", secretAccessKey: "not-a-secret"))
    let logger = Logger(label: "test")

    init() throws {
        let ids: Ids
        (emulator, ids) = try Self.setup.get()
        member = try #require(ids.accounts["dev"])
        transport = RecordingTransport(wrapping: AsyncHTTPClientTransport(client: .shared))
        let client = AWSClient(
            transport: transport, endpoints: try EndpointResolver(environment: ["AWS_ENDPOINT_URL": emulator.endpoint]),
            retry: RetryConfiguration(mode: .standard, maxAttempts: 3), logger: logger)
        fetcher = STSRoleCredentialFetcher(client: client)
        _ = try emulator.configure(["faultRate": 0, "maxFaults": NSNull()])
    }

    /// The form parameters of a recorded request body.
    private func parameters(_ request: AWSHTTPRequest) -> [String: String] {
        var components = URLComponents()
        components.percentEncodedQuery = String(decoding: request.body, as: UTF8.self).replacingOccurrences(of: "+", with: "%20")
        return Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }) { $1 }
    }

    /// The roles the emulator's STS has handed out credentials for, by access key id.
    private func issuedRoles() throws -> [String: String] {
        let data = try EmulatorProcess.output(["curl", "-sf", "\(emulator.endpoint)/_preflight/sts/credentials"])
        let issued = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["credentials"] as? [[String: String]]
        return Dictionary((issued ?? []).compactMap { entry in entry["accessKeyId"].map { ($0, entry["roleArn"] ?? "") } }) { $1 }
    }

    @Test func assumeRoleSendsExternalIdAndDurationAndReturnsTheIssuedCredentials() async throws {
        let roleArn = "arn:aws:iam::\(member):role/OrganizationAccountAccessRole"
        let before = Date()
        let credentials = try await fetcher.assumeRole(
            roleArn: roleArn, sessionName: "audit-session", externalId: "ext-4711", durationSeconds: 1800,
            region: "us-east-1", source: management, logger: logger)
        #expect(try emulator.issuedSecrets().isSuperset(of: [credentials.secretAccessKey, credentials.sessionToken ?? ""]))
        #expect(try issuedRoles()[credentials.accessKeyId] == roleArn)
        let after = Date()
        let expiration = try #require(credentials.expiration)
        // The emulator issued them between `before` and `after` (slow on a loaded machine), for 1800 seconds.
        #expect(expiration.timeIntervalSince(before) > 1790 && expiration.timeIntervalSince(after) < 1810)

        let request = try #require(transport.requests.last)
        let sent = parameters(request)
        #expect(sent["Action"] == "AssumeRole")
        #expect(sent["RoleArn"] == roleArn)
        #expect(sent["RoleSessionName"] == "audit-session")
        #expect(sent["ExternalId"] == "ext-4711")
        #expect(sent["DurationSeconds"] == "1800")
        #expect(request.header("Authorization")?.contains("Credential=AKIDMANAGEMENT/") == true)

        let inMember = AWSCallContext(region: "us-east-1", credentials: StaticCredentialProvider(credentials))
        let identity = try await STS(client: fetcherClient(), context: inMember).getCallerIdentity()
        #expect(identity.account == member)
    }

    @Test func assumeRoleLeavesOutUnsetParameters() async throws {
        let roleArn = "arn:aws:iam::\(member):role/OrganizationAccountAccessRole"
        _ = try await fetcher.assumeRole(
            roleArn: roleArn, sessionName: "plain", externalId: nil, durationSeconds: nil, region: "us-east-1",
            source: management, logger: logger)
        let sent = parameters(try #require(transport.requests.last))
        #expect(sent["ExternalId"] == nil)
        #expect(sent["DurationSeconds"] == nil)
    }

    @Test func webIdentityIsUnsignedAndSendsTheToken() async throws {
        let roleArn = "arn:aws:iam::\(member):role/OrganizationAccountAccessRole"
        let credentials = try await fetcher.assumeRoleWithWebIdentity(
            roleArn: roleArn, sessionName: "github-actions", webIdentityToken: "eyJhbGciOiJSUzI1NiJ9.oidc-token",
            region: "us-east-1", logger: logger)
        #expect(!credentials.accessKeyId.isEmpty)
        #expect(credentials.sessionToken?.isEmpty == false)
        #expect(try emulator.issuedSecrets().contains(credentials.secretAccessKey))

        let request = try #require(transport.requests.last)
        let sent = parameters(request)
        #expect(sent["Action"] == "AssumeRoleWithWebIdentity")
        #expect(sent["RoleArn"] == roleArn)
        #expect(sent["RoleSessionName"] == "github-actions")
        #expect(sent["WebIdentityToken"] == "eyJhbGciOiJSUzI1NiJ9.oidc-token")
        #expect(request.header("Authorization") == nil)
        #expect(request.header("X-Amz-Security-Token") == nil)
        #expect(request.header("X-Amz-Date") == nil)
    }

    private func fetcherClient() throws -> AWSClient {
        AWSClient(
            transport: transport, endpoints: try EndpointResolver(environment: ["AWS_ENDPOINT_URL": emulator.endpoint]),
            retry: RetryConfiguration(mode: .standard, maxAttempts: 3), logger: logger)
    }
}
