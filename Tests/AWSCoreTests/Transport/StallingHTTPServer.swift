import NIOCore
import NIOHTTP1
import NIOPosix

/// A loopback HTTP server that answers every request with a response head announcing a body of `declaredLength`
/// bytes, sends the first `sentBytes` of them, and then stalls with the connection open.
final class StallingHTTPServer: Sendable {
    private let channel: any Channel
    let port: Int

    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(channel: any Channel, port: Int) {
        self.channel = channel
        self.port = port
    }

    static func start(declaredLength: Int = 1000, sentBytes: Int = 10) async throws -> StallingHTTPServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(
                        StallingHandler(declaredLength: declaredLength, sentBytes: sentBytes))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        guard let port = channel.localAddress?.port else {
            try await channel.close()
            throw ChannelError.unknownLocalAddress
        }
        return StallingHTTPServer(channel: channel, port: port)
    }

    /// Runs `body` against a fresh server and stops the server afterwards, whatever happens.
    static func with(
        declaredLength: Int = 1000, sentBytes: Int = 10, _ body: (StallingHTTPServer) async throws -> Void
    ) async throws {
        let server = try await start(declaredLength: declaredLength, sentBytes: sentBytes)
        do {
            try await body(server)
            try? await server.channel.close()
        } catch {
            try? await server.channel.close()
            throw error
        }
    }
}

private final class StallingHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let declaredLength: Int
    private let sentBytes: Int

    init(declaredLength: Int, sentBytes: Int) {
        self.declaredLength = declaredLength
        self.sentBytes = sentBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .end = unwrapInboundIn(data) else { return }
        let head = HTTPResponseHead(
            version: .http1_1, status: .ok,
            headers: HTTPHeaders([("Content-Length", "\(declaredLength)"), ("Content-Type", "application/json")]))
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        let body = context.channel.allocator.buffer(repeating: UInt8(ascii: "{"), count: sentBytes)
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
    }
}
