import NIOCore
import NIOHTTP1
import SyntheticAWS

/// Serves one HTTP/1.1 connection: collects each request, answers it after the server's delay, keeps the
/// connection alive unless the client asked otherwise.
final class BenchHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let server: BenchServer
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(server: BenchServer) {
        self.server = server
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.removeAll(keepingCapacity: true)
        case .body(let buffer):
            body.append(contentsOf: buffer.readableBytesView)
        case .end:
            guard let head else { return }
            self.head = nil
            let (response, delay) = server.handle(head, body: body)
            let keepAlive = head.isKeepAlive
            if delay > .zero {
                context.eventLoop.assumeIsolated().scheduleTask(in: delay) {
                    Self.write(response, keepAlive: keepAlive, context: context, handler: self)
                }
            } else {
                Self.write(response, keepAlive: keepAlive, context: context, handler: self)
            }
        }
    }

    private static func write(
        _ response: SyntheticResponse, keepAlive: Bool, context: ChannelHandlerContext, handler: BenchHTTPHandler
    ) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: response.contentType)
        headers.add(name: "Content-Length", value: String(response.body.count))
        headers.add(name: "x-amzn-RequestId", value: "b0000000-0000-4000-8000-000000000000")
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(handler.wrapOutboundOut(.head(head)), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: response.body.count)
        buffer.writeBytes(response.body)
        context.write(handler.wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        if keepAlive {
            context.writeAndFlush(handler.wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            context.writeAndFlush(handler.wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }
}
