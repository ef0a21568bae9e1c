import AWSCore
import Logging
import Testing

@Suite struct CredentialProviderChainTests {
    struct Fixed: CredentialProvider {
        var result: Result<AWSCredentials, CredentialProviderError>
        var calls: CredentialTestLock<Int>

        func credentials(logger: Logger) async throws -> AWSCredentials {
            calls.withValue { $0 += 1 }
            return try result.get()
        }
    }

    private static let credentials = AWSCredentials(accessKeyId: "AKIDCHAIN", secretAccessKey: "chain-secret")

    private func fixed(_ result: Result<AWSCredentials, CredentialProviderError>) -> Fixed {
        Fixed(result: result, calls: CredentialTestLock(0))
    }

    @Test func notFoundMovesOnAndTheFirstAnswerWins() async throws {
        let first = fixed(.failure(.init(.notFound, provider: "one", message: "nothing")))
        let second = fixed(.success(Self.credentials))
        let third = fixed(.success(AWSCredentials(accessKeyId: "AKIDOTHER", secretAccessKey: "x")))
        let chain = CredentialProviderChain([first, second, third])
        #expect(try await chain.credentials(logger: credentialTestLogger) == Self.credentials)
        #expect([first.calls.current, second.calls.current, third.calls.current] == [1, 1, 0])
    }

    @Test func invalidStopsTheChain() async throws {
        let broken = CredentialProviderError(.invalid, provider: "two", message: "broken")
        let last = fixed(.success(Self.credentials))
        let chain = CredentialProviderChain([
            fixed(.failure(.init(.notFound, provider: "one", message: "nothing"))),
            fixed(.failure(broken)),
            last,
        ])
        await #expect(throws: broken) { try await chain.credentials(logger: credentialTestLogger) }
        #expect(last.calls.current == 0)
    }

    @Test func exhaustedChainListsEveryProvider() async throws {
        let chain = CredentialProviderChain([
            fixed(.failure(.init(.notFound, provider: "one", message: "first reason"))),
            fixed(.failure(.init(.notFound, provider: "two", message: "second reason"))),
        ])
        let error = await #expect(throws: CredentialProviderError.self) {
            try await chain.credentials(logger: credentialTestLogger)
        }
        #expect(error?.kind == .notFound)
        #expect(error?.description == "no AWS credentials: tried one, two; set AWS_PROFILE or run aws configure")
    }

    @Test func descriptionsRedactSecrets() {
        let credentials = AWSCredentials(
            accessKeyId: "AKIDPUBLIC",
            secretAccessKey: "very-secret",
            sessionToken: "tok-secret"
        )
        for text in ["\(credentials)", String(reflecting: credentials), "\(StaticCredentialProvider(credentials))"] {
            #expect(!text.contains("very-secret") && !text.contains("tok-secret"), "\(text)")
        }
    }
}
