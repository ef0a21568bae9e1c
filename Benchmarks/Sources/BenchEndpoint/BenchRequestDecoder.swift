import NIOCore

/// Decodes the HTTP/1.1 requests of a connection into `BenchRequest`s, keeping only the headers the endpoint reads.
///
/// Bodies must be framed by `Content-Length`, as AWS SDKs send them; a chunked or otherwise unreadable request
/// throws `MalformedRequest`.
struct BenchRequestDecoder: ByteToMessageDecoder {
    typealias InboundOut = BenchRequest

    /// A request the decoder cannot read.
    struct MalformedRequest: Error, CustomStringConvertible {
        var description: String
    }

    /// The largest request head accepted.
    static let maximumHeadSize = 80 * 1024

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let parsed = try buffer.withUnsafeReadableBytes { try Self.parse($0) }
        guard let (request, length) = parsed else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: length)
        context.fireChannelRead(wrapInboundOut(request))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }

    /// The first complete request in `bytes` and its length in bytes, or `nil` if it has not fully arrived.
    private static func parse(_ bytes: UnsafeRawBufferPointer) throws -> (BenchRequest, Int)? {
        guard let headEnd = endOfHead(bytes) else {
            guard bytes.count <= maximumHeadSize else { throw MalformedRequest(description: "request head too large") }
            return nil
        }
        var lines = Lines(bytes: bytes, end: headEnd)
        guard let requestLine = lines.next() else { throw MalformedRequest(description: "no request line") }
        let parts = bytes[requestLine].split(separator: UInt8(ascii: " "))
        guard parts.count == 3, parts[2].starts(with: "HTTP/1.".utf8), parts[2].count == 8 else {
            throw MalformedRequest(description: "bad request line")
        }
        let isHTTP11 = parts[2].last != UInt8(ascii: "0")
        var connectionClose = false
        var connectionKeepAlive = false
        var contentLength = 0
        var authorization: String?
        var target: String?
        var apiVersion: String?
        while let line = lines.next() {
            guard let colon = bytes[line].firstIndex(of: UInt8(ascii: ":")) else {
                throw MalformedRequest(description: "bad header line")
            }
            let name = bytes[line.lowerBound..<colon]
            let value = trimmed(bytes[(colon + 1)..<line.upperBound])
            if equalsIgnoringCase(name, "authorization") {
                authorization = String(decoding: value, as: UTF8.self)
            } else if equalsIgnoringCase(name, "x-amz-target") {
                target = String(decoding: value, as: UTF8.self)
            } else if equalsIgnoringCase(name, "content-length") {
                guard let length = Int(String(decoding: value, as: UTF8.self)), length >= 0 else {
                    throw MalformedRequest(description: "bad Content-Length")
                }
                contentLength = length
            } else if equalsIgnoringCase(name, "connection") {
                for token in value.split(separator: UInt8(ascii: ",")) {
                    let token = trimmed(token)
                    if equalsIgnoringCase(token, "close") { connectionClose = true }
                    if equalsIgnoringCase(token, "keep-alive") { connectionKeepAlive = true }
                }
            } else if equalsIgnoringCase(name, "api-version") {
                apiVersion = String(decoding: value, as: UTF8.self)
            } else if equalsIgnoringCase(name, "transfer-encoding") {
                throw MalformedRequest(description: "Transfer-Encoding is not supported")
            }
        }
        let bodyStart = headEnd + 4
        guard bytes.count - bodyStart >= contentLength else { return nil }
        let request = BenchRequest(
            method: String(decoding: parts[0], as: UTF8.self), uri: String(decoding: parts[1], as: UTF8.self),
            keepAlive: !connectionClose && (isHTTP11 || connectionKeepAlive), authorization: authorization, target: target,
            apiVersion: apiVersion, body: Array(bytes[bodyStart..<(bodyStart + contentLength)]))
        return (request, bodyStart + contentLength)
    }

    /// The offset of the blank line (`\r\n\r\n`) ending the head.
    private static func endOfHead(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var index = 0
        while index + 3 < bytes.count {
            if bytes[index + 3] != UInt8(ascii: "\n") {
                index += bytes[index + 3] == UInt8(ascii: "\r") ? 1 : 4
            } else if bytes[index] == UInt8(ascii: "\r"), bytes[index + 1] == UInt8(ascii: "\n"), bytes[index + 2] == UInt8(ascii: "\r") {
                return index
            } else {
                index += 1
            }
        }
        return nil
    }

    private static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
        var slice = bytes
        while let first = slice.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { slice.removeFirst() }
        while let last = slice.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { slice.removeLast() }
        return slice
    }

    /// Whether `bytes` are `lowercase` in any case (ASCII).
    private static func equalsIgnoringCase(_ bytes: Slice<UnsafeRawBufferPointer>, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        return lowercase.withUTF8Buffer { expected in
            zip(bytes, expected).allSatisfy { byte, expected in
                byte == expected || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") && byte | 0x20 == expected)
            }
        }
    }

    /// The `\r\n`-terminated lines of a request head.
    private struct Lines {
        let bytes: UnsafeRawBufferPointer
        let end: Int
        var position = 0

        init(bytes: UnsafeRawBufferPointer, end: Int) {
            self.bytes = bytes
            self.end = end
        }

        mutating func next() -> Range<Int>? {
            guard position < end else { return nil }
            var lineEnd = position
            while lineEnd < end, !(bytes[lineEnd] == UInt8(ascii: "\r") && bytes[lineEnd + 1] == UInt8(ascii: "\n")) {
                lineEnd += 1
            }
            defer { position = lineEnd + 2 }
            return position..<lineEnd
        }
    }
}
