import Logging

/// Tries providers in order like botocore's `CredentialResolver`: a `.notFound` error moves on to the next
/// provider; any other error, `.invalid` included, stops the search and is rethrown.
public struct CredentialProviderChain: CredentialProvider {
    public let providers: [any CredentialProvider]

    public init(_ providers: [any CredentialProvider]) {
        self.providers = providers
    }

    /// - Throws: the first error that is not `.notFound`, or one `.notFound` sentence naming every source tried
    ///   (`no AWS credentials: tried environment, profile "default" (~/.aws/credentials, ~/.aws/config), …`); why
    ///   each had nothing is logged at debug level.
    public func credentials(logger: Logger) async throws -> AWSCredentials {
        var tried: [String] = []
        for provider in providers {
            do {
                return try await provider.credentials(logger: logger)
            } catch let error as CredentialProviderError where error.kind == .notFound {
                logger.debug("no credentials from \(error.provider): \(error.message)")
                tried.append(error.provider)
            }
        }
        let sources = tried.isEmpty ? "no credential source is configured" : "tried " + tried.joined(separator: ", ")
        throw CredentialProviderError(
            .notFound,
            provider: "no AWS credentials",
            message: "\(sources); set AWS_PROFILE or run aws configure"
        )
    }
}
