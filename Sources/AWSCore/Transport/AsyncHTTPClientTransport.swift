import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// `HTTPTransport` over AsyncHTTPClient's pooled connections.
public struct AsyncHTTPClientTransport: HTTPTransport {
    private let client: HTTPClient
    private let maxResponseBytes: Int

    /// Uses `client` (owned by the caller, who shuts it down). Responses above `maxResponseBytes` are refused.
    public init(client: HTTPClient, maxResponseBytes: Int = 64 << 20) {
        self.client = client
        self.maxResponseBytes = maxResponseBytes
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
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        let deadline = NIODeadline.now() + .nanoseconds(nanoseconds)
        do {
            let response = try await client.execute(outgoing, deadline: deadline)
            var buffer = try await response.body.collect(upTo: maxResponseBytes)
            let body = buffer.readBytes(length: buffer.readableBytes) ?? []
            if let declared = response.headers.first(name: "content-length").flatMap(Int.init), declared != body.count {
                throw TransportFailure(.truncatedBody, detail: "response body has \(body.count) of \(declared) bytes")
            }
            return AWSHTTPResponse(
                statusCode: Int(response.status.code),
                headers: response.headers.map { (name: $0.name, value: $0.value) },
                body: body)
        } catch let failure as TransportFailure {
            throw failure
        } catch let error as HTTPClientError {
            throw Self.map(error)
        } catch is NIOTooManyBytesError {
            throw TransportFailure(.responseTooLarge, detail: "response larger than \(maxResponseBytes) bytes")
        } catch {
            throw TransportFailure(.connectionFailed, detail: String(describing: error))
        }
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
