import NIOCore
import NIOHTTP1
import NIOPosix

/// A loopback HTTP server with canned answers standing in for IMDS and the container credentials endpoint;
/// it records every request it receives.
final class CredentialTestServer: Sendable {
    struct Request: Sendable, Equatable {
        var method: String
        var uri: String
        /// Header names lowercased.
        var headers: [String: String]
        var body = ""
    }

    struct Response: Sendable {
        var status: Int
        var body: String
        var headers: [(String, String)]

        init(_ status: Int, _ body: String = "", headers: [(String, String)] = []) {
            self.status = status
            self.body = body
            self.headers = headers
        }
    }

    /// Returns the answer to a request, or `nil` to never answer (to exercise client timeouts).
    typealias Responder = @Sendable (Request) -> Response?

    private let channel: any Channel
    private let log: CredentialTestLock<[Request]>
    let port: Int

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var requests: [Request] { log.current }

    private init(channel: any Channel, log: CredentialTestLock<[Request]>, port: Int) {
        self.channel = channel
        self.log = log
        self.port = port
    }

    static func start(_ responder: @escaping Responder) async throws -> CredentialTestServer {
        let log = CredentialTestLock<[Request]>([])
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(
                        CannedResponseHandler(responder: responder, log: log)
                    )
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        guard let port = channel.localAddress?.port else {
            try await channel.close()
            throw ChannelError.unknownLocalAddress
        }
        return CredentialTestServer(channel: channel, log: log, port: port)
    }

    func stop() async {
        try? await channel.close()
    }

    /// Runs `body` against a fresh server and stops the server afterwards, whatever happens.
    static func with(
        _ responder: @escaping Responder,
        _ body: (CredentialTestServer) async throws -> Void
    ) async throws {
        let server = try await start(responder)
        do {
            try await body(server)
            await server.stop()
        } catch {
            await server.stop()
            throw error
        }
    }
}

private final class CannedResponseHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let responder: CredentialTestServer.Responder
    private let log: CredentialTestLock<[CredentialTestServer.Request]>
    private var head: HTTPRequestHead?
    private var body = ""

    init(responder: @escaping CredentialTestServer.Responder, log: CredentialTestLock<[CredentialTestServer.Request]>) {
        self.responder = responder
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = ""
        case .body(let part):
            body += String(buffer: part)
        case .end:
            guard let head else { return }
            self.head = nil
            var headers: [String: String] = [:]
            for (name, value) in head.headers {
                headers[name.lowercased()] = value
            }
            let request = CredentialTestServer.Request(method: head.method.rawValue, uri: head.uri, headers: headers, body: body)
            log.withValue { $0.append(request) }
            guard let response = responder(request) else { return }
            let body = context.channel.allocator.buffer(string: response.body)
            let responseHead = HTTPResponseHead(
                version: head.version,
                status: HTTPResponseStatus(statusCode: response.status),
                headers: HTTPHeaders([
                    ("Content-Length", "\(body.readableBytes)"), ("Content-Type", "application/json"),
                ] + response.headers)
            )
            context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
