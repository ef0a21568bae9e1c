import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// `HTTPTransport` over AsyncHTTPClient's pooled connections.
///
/// The attempt's timeout bounds the whole exchange, body included (AsyncHTTPClient's own deadline ends with the
/// response head). Each response is capped at `maxResponseBytes`, and the bodies being read by all calls share
/// `budget`.
public struct AsyncHTTPClientTransport: HTTPTransport {
    /// The default cap on one response: 64 MiB.
    public static let standardMaxResponseBytes = 64 << 20

    private let client: HTTPClient
    private let maxResponseBytes: Int
    private let budget: ResponseByteBudget

    /// Uses `client` (owned by the caller, who shuts it down). Responses above `maxResponseBytes` are refused;
    /// `budget` caps the bytes buffered across all calls in flight through this transport.
    public init(
        client: HTTPClient, maxResponseBytes: Int = standardMaxResponseBytes,
        budget: ResponseByteBudget = ResponseByteBudget()
    ) {
        self.client = client
        self.maxResponseBytes = maxResponseBytes
        self.budget = budget
    }

    public func send(_ request: AWSHTTPRequest, timeout: Duration) async throws -> AWSHTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers {
            outgoing.headers.add(name: header.name, value: header.value)
        }
        if !request.body.isEmpty {
            outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        }
        let deadline = NIODeadline.now() + .nanoseconds(timeout.nanoseconds)
        let prepared = outgoing
        do {
            // AsyncHTTPClient's deadline answers first, with its cause (a refused certificate, a failed connect);
            // the limit, a moment later, ends a body that stalls after the headers.
            return try await withTimeLimit(timeout + Self.limitGrace, on: client.eventLoopGroup.any()) { [self] in
                try await exchange(prepared, deadline: deadline)
            }
        } catch let failure as TransportFailure {
            throw failure
        } catch is TimeLimitExceeded {
            throw TransportFailure(.timedOut, detail: "request timed out")
        } catch let error as HTTPClientError {
            throw Self.map(error)
        } catch is ResponseByteBudget.Exhausted {
            throw TransportFailure(.overBudget, detail: "responses in flight exceed the shared response byte budget")
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw TransportFailure(.connectionFailed, detail: String(describing: error))
        }
    }

    /// How long after AsyncHTTPClient's deadline the attempt's own limit ends it.
    static let limitGrace = Duration.milliseconds(500)

    /// Sends the request and reads the whole body, reserving its bytes in `budget` until it returns.
    private func exchange(_ request: HTTPClientRequest, deadline: NIODeadline) async throws -> AWSHTTPResponse {
        let response = try await client.execute(request, deadline: deadline)
        // A HEAD answer declares the length of a body it does not send.
        let declared = request.method == .HEAD ? nil : response.headers.first(name: "content-length").flatMap(Int.init)
        if let declared, declared > maxResponseBytes { throw tooLarge }
        var held = 0
        do {
            if let declared {
                try await budget.reserve(declared, mayWait: true)
                held = declared
            }
            var body: [UInt8] = []
            body.reserveCapacity(declared ?? 0)
            for try await chunk in response.body {
                let total = body.count + chunk.readableBytes
                guard total <= maxResponseBytes else { throw tooLarge }
                if total > held {
                    try await budget.reserve(total - held, mayWait: false)
                    held = total
                }
                body.append(contentsOf: chunk.readableBytesView)
            }
            await budget.release(held)
            if let declared, declared != body.count {
                throw TransportFailure(.truncatedBody, detail: "response body has \(body.count) of \(declared) bytes")
            }
            return AWSHTTPResponse(
                statusCode: Int(response.status.code),
                headers: response.headers.map { (name: $0.name, value: $0.value) },
                body: body)
        } catch {
            await budget.release(held)
            throw error
        }
    }

    private var tooLarge: TransportFailure {
        TransportFailure(.responseTooLarge, detail: "response larger than \(maxResponseBytes) bytes")
    }

    private static func map(_ error: HTTPClientError) -> TransportFailure {
        switch error {
        case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
            TransportFailure(.timedOut, detail: "request timed out")
        case .remoteConnectionClosed:
            TransportFailure(.connectionReset, detail: "connection closed by peer")
        case .bodyLengthMismatch:
            TransportFailure(.truncatedBody, detail: "response body cut short")
        default:
            TransportFailure(.connectionFailed, detail: String(describing: error))
        }
    }
}
