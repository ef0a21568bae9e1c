import AsyncHTTPClient
import Foundation
import Testing

@testable import AWSCore

/// A server that sends its headers and then stalls must not hold a call, or a credential fetch, past its bound.
@Suite(.timeLimit(.minutes(1))) struct StalledResponseTests {
    private static func elapsed(_ body: () async throws -> Void) async -> (Duration, (any Error)?) {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            try await body()
            return (clock.now - start, nil)
        } catch {
            return (clock.now - start, error)
        }
    }

    private static func request(_ url: String) -> AWSHTTPRequest {
        AWSHTTPRequest(method: "POST", url: url + "/", headers: [], body: Array("Action=GetCallerIdentity".utf8))
    }

    @Test func theAttemptTimeoutBoundsTheBody() async throws {
        try await StallingHTTPServer.with { server in
            let transport = AsyncHTTPClientTransport(client: .shared)
            let (duration, error) = await Self.elapsed {
                _ = try await transport.send(Self.request(server.baseURL), timeout: .seconds(1))
            }
            #expect((error as? TransportFailure)?.kind == .timedOut, "\(String(describing: error))")
            #expect(duration < .seconds(5))
        }
    }

    @Test func theReadTimeoutEndsASilentBodyBeforeALongAttemptTimeout() async throws {
        try await StallingHTTPServer.with(sentBytes: 0) { server in
            let client = HTTPClient(
                eventLoopGroupProvider: .singleton, configuration: try .aws(environment: [:], readTimeout: .seconds(1)))
            let transport = AsyncHTTPClientTransport(client: client)
            let (duration, error) = await Self.elapsed {
                _ = try await transport.send(Self.request(server.baseURL), timeout: .seconds(60))
            }
            try await client.shutdown()
            #expect((error as? TransportFailure)?.kind == .timedOut, "\(String(describing: error))")
            #expect(duration < .seconds(10))
        }
    }

    @Test func theDefaultReadTimeoutIsTheCLIs() throws {
        let configuration = try HTTPClient.Configuration.aws(environment: [:])
        #expect(configuration.timeout.read == .seconds(60))
    }

    @Test func aStalledContainerCredentialsEndpointFailsWithinTheTimeout() async throws {
        try await StallingHTTPServer.with { server in
            let provider = ContainerCredentialProvider(
                environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/creds"],
                httpClient: .shared, timeout: .seconds(1), attempts: 1, retryDelay: .milliseconds(10))
            let (duration, error) = await Self.elapsed { _ = try await provider.credentials(logger: credentialTestLogger) }
            #expect((error as? CredentialProviderError)?.kind == .invalid, "\(String(describing: error))")
            #expect(duration < .seconds(5))
        }
    }

    @Test func aStalledInstanceMetadataServiceFailsWithinTheTimeout() async throws {
        try await StallingHTTPServer.with { server in
            let provider = InstanceMetadataCredentialProvider(
                configuration: .init(endpoint: server.baseURL + "/", timeout: .seconds(1)), httpClient: .shared)
            let (duration, error) = await Self.elapsed { _ = try await provider.credentials(logger: credentialTestLogger) }
            #expect(error is CredentialProviderError, "\(String(describing: error))")
            #expect(duration < .seconds(6))
        }
    }
}
