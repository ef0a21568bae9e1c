import NIOCore
import NIOHTTP1
import SyntheticAWS

/// Serves one HTTP/1.1 connection: answers each request after the server's latency, keeps the connection alive
/// unless the client asked otherwise.
///
/// Requests come from `BenchRequestDecoder`; responses are encoded here, head and body in one buffer (one write per
/// response).
final class BenchHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = BenchRequest
    typealias OutboundOut = ByteBuffer

    private let server: BenchServer
    /// The server's latency on this connection's event loop.
    private let latency: BenchDelayLine

    init(server: BenchServer, latency: BenchDelayLine) {
        self.server = server
        self.latency = latency
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let request = unwrapInboundIn(data)
        let (response, delayed) = server.handle(request)
        let keepAlive = request.keepAlive
        if delayed {
            latency.enqueue {
                Self.write(response, keepAlive: keepAlive, context: context, handler: self)
            }
        } else {
            Self.write(response, keepAlive: keepAlive, context: context, handler: self)
        }
    }

    /// A request that does not parse is answered `400 Bad Request` and the connection closed.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is BenchRequestDecoder.MalformedRequest else {
            context.close(promise: nil)
            return
        }
        var buffer = context.channel.allocator.buffer(capacity: 80)
        buffer.writeStaticString("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
        context.writeAndFlush(wrapOutboundOut(buffer)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    /// Writes the response as NIO's `HTTPResponseEncoder` encoded it before (status line, `Content-Type`,
    /// `Content-Length`, `x-amzn-RequestId`, `Connection`), head and body in one buffer.
    private static func write(
        _ response: SyntheticResponse, keepAlive: Bool, context: ChannelHandlerContext, handler: BenchHTTPHandler
    ) {
        let status = HTTPResponseStatus(statusCode: response.status)
        var buffer = context.channel.allocator.buffer(capacity: response.bodyCount + 200)
        buffer.writeStaticString("HTTP/1.1 ")
        buffer.writeString(String(status.code))
        buffer.writeStaticString(" ")
        buffer.writeString(status.reasonPhrase)
        buffer.writeStaticString("\r\nContent-Type: ")
        buffer.writeString(response.contentType)
        buffer.writeStaticString("\r\nContent-Length: ")
        buffer.writeString(String(response.bodyCount))
        buffer.writeStaticString("\r\nx-amzn-RequestId: b0000000-0000-4000-8000-000000000000\r\nConnection: ")
        buffer.writeStaticString(keepAlive ? "keep-alive\r\n\r\n" : "close\r\n\r\n")
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: response.bodyCount) { bytes in
            response.copyBody(into: bytes)
            return response.bodyCount
        }
        if keepAlive {
            context.writeAndFlush(handler.wrapOutboundOut(buffer), promise: nil)
        } else {
            context.writeAndFlush(handler.wrapOutboundOut(buffer)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }
}
