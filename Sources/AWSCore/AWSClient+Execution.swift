import Foundation
import Logging

extension AWSClient {
    /// Sends one operation: for each attempt, sign → send → decode; retry by the configured policy; then map the
    /// last failure to `AWSServiceError` or `AWSClientError`, whose messages never hold the attempt's credentials.
    /// A region that is not a region name is an `.invalidEndpoint` client error, and nothing is sent.
    func execute<Output>(
        _ operation: ReadOnlyOperation, service: AWSServiceDescription, context: AWSCallContext,
        request build: (AWSEndpoint) -> AWSRESTRequest, decode: (AWSHTTPResponse) throws -> Output
    ) async throws -> Output {
        let endpoint: AWSEndpoint
        do {
            endpoint = try endpoints.endpoint(for: service, region: context.region)
        } catch {
            throw AWSClientError(
                .invalidEndpoint, service: service.signingName, operation: operation.name, message: "\(error)")
        }
        let shape = build(endpoint)
        let limiter = retry.mode == .adaptive ? await rateLimiters.limiter(for: context.rateLimitKey) : nil
        var machine = RetryStateMachine(configuration: retry, quota: retryQuotas.quota(for: context.rateLimitKey))
        while true {
            let credentials: AWSCredentials?
            do {
                credentials = try await context.credentials?.credentials(logger: logger)
            } catch {
                throw AWSClientError(
                    .credentials, service: service.signingName, operation: operation.name, message: "\(error)")
            }
            let secrets = [credentials?.secretAccessKey, credentials?.sessionToken].compactMap { $0 }
            try await limiter?.acquire()
            let request = signedRequest(service: service, endpoint: endpoint, credentials: credentials, shape: shape)
            let failure: any Error
            let outcome: AttemptOutcome
            do {
                let response = try await transport.send(request, timeout: timeout)
                if (200..<300).contains(response.statusCode) {
                    do {
                        let output = try decode(response)
                        await limiter?.update(throttled: false)
                        _ = machine.record(.success)
                        return output
                    } catch {
                        failure = AWSClientError(
                            .malformedResponse, service: service.signingName, operation: operation.name,
                            message: "cannot decode the response: \(error)", redacting: secrets)
                        outcome = .transportError(TransportFailure(.truncatedBody, detail: "undecodable response body"))
                    }
                } else {
                    let error = Self.serviceError(response, service: service, operation: operation, redacting: secrets)
                    failure = error
                    outcome = .serviceError(code: error.code, statusCode: error.statusCode)
                }
            } catch let error as TransportFailure {
                failure = AWSClientError(
                    .transport, service: service.signingName, operation: operation.name, message: error.detail,
                    redacting: secrets)
                outcome = .transportError(error)
            }
            let classification = machine.classifier.classify(outcome)
            await limiter?.update(throttled: classification.isThrottling)
            switch machine.record(outcome) {
            case .retry(let delay):
                logger.debug(
                    "retrying",
                    metadata: ["operation": "\(operation.name)", "attempt": "\(machine.attempts)", "error": "\(failure)"])
                try await Task.sleep(for: delay)
            case .done, .fail:
                throw failure
            }
        }
    }
}
