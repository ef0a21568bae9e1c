import AWSCore
import Foundation

/// Answers requests from a list of responses, in order, and records what was sent.
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [Result<AWSHTTPResponse, TransportFailure>]
    private var recorded: [AWSHTTPRequest] = []

    init(_ answers: [Result<AWSHTTPResponse, TransportFailure>]) {
        self.answers = answers
    }

    /// Answers with JSON bodies and these statuses.
    convenience init(json answers: [(Int, String)]) {
        self.init(answers.map { .success(AWSHTTPResponse(statusCode: $0.0, headers: [], body: Array($0.1.utf8))) })
    }

    var requests: [AWSHTTPRequest] { lock.withLock { recorded } }

    func send(_ request: AWSHTTPRequest, timeout: Duration) async throws -> AWSHTTPResponse {
        let answer: Result<AWSHTTPResponse, TransportFailure> = lock.withLock {
            recorded.append(request)
            return answers.isEmpty ? .failure(TransportFailure(.connectionFailed, detail: "no more answers")) : answers.removeFirst()
        }
        return try answer.get()
    }
}
