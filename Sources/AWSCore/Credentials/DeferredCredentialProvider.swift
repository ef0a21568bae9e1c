import Logging

/// Builds its provider when credentials are requested, so settings read from files (which may be malformed)
/// surface as errors of the chain rather than of its construction.
struct DeferredCredentialProvider: CredentialProvider {
    let make: @Sendable () throws -> any CredentialProvider

    func credentials(logger: Logger) async throws -> AWSCredentials {
        try await make().credentials(logger: logger)
    }
}
