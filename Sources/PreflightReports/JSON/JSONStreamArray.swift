import Foundation

/// The elements of one array being encoded, each written as it comes; after an element the stream may hand its
/// bytes to the sink. A nested container's elements are spliced in when the array ends, so an array with one is not
/// flushed meanwhile.
final class JSONStreamArray {
    private enum Element {
        /// The element's bytes, from its indentation to the end of its value, at these offsets of the whole output.
        case written(Range<Int>)
        case nested(JSONStreamEncoder)
    }

    let stream: JSONStream
    /// The array's indentation level.
    private(set) var depth = 0
    /// How many keys of `stream.path` lead to the array.
    private(set) var pathLength = 0
    /// Where the first element starts in the whole output.
    private var start = 0
    private(set) var count = 0
    /// The elements while none of their bytes has gone to the sink and one is nested; `nil` once bytes have gone.
    @exclusivity(unchecked) private var elements: [Element]? = []
    private var hasNested = false

    init(encoder: JSONStreamEncoder) {
        stream = encoder.stream
        open(for: encoder)
    }

    /// Starts the array of `encoder`'s value.
    func open(for encoder: JSONStreamEncoder) {
        depth = encoder.depth
        pathLength = encoder.pathLength
        count = 0
        elements = []
        hasNested = false
        stream.append("[\n")
        start = stream.position
    }

    var elementDepth: Int { depth + 1 }

    /// Appends an element, written by `write` after the indentation with the element's index on `stream.path`.
    func add(_ write: (JSONStream) throws -> Void) throws {
        if count > 0 {
            stream.append(",\n")
        }
        let begin = stream.position
        stream.indent(elementDepth)
        stream.path.append(JSONStreamKey(index: count))
        try write(stream)
        stream.path.removeLast()
        elements?.append(.written(begin..<stream.position))
        count += 1
        try stream.flushIfFull()
        if stream.flushed > start {
            elements = nil
        }
    }

    /// Appends an element as an encoder of its own, for a nested container or a super encoder.
    func addNested() -> JSONStreamEncoder {
        let nested = JSONStream(sink: nil)
        nested.path = Array(stream.path[..<pathLength]) + [JSONStreamKey(index: count)]
        let encoder = JSONStreamEncoder(stream: nested, depth: elementDepth, pathLength: nested.path.count)
        count += 1
        if elements == nil {
            stream.deferredError = stream.deferredError ?? EncodingError.invalidValue(
                count, .init(codingPath: stream.codingPath(pathLength),
                    debugDescription: "A nested container after elements already written out."))
        } else {
            elements?.append(.nested(encoder))
            if !hasNested {
                hasNested = true
                stream.pinned += 1
            }
        }
        return encoder
    }

    /// Ends the array, its nested containers spliced in.
    func close() throws {
        if hasNested, let elements {
            let offset = start - stream.flushed
            var written = stream.makeBuffer()
            written.append(contentsOf: stream.bytes[offset...])
            stream.bytes.removeLast(stream.bytes.count - offset)
            for (index, element) in elements.enumerated() {
                if index > 0 {
                    stream.append(",\n")
                }
                switch element {
                case .written(let range):
                    stream.bytes.append(contentsOf: written[(range.lowerBound - start)..<(range.upperBound - start)])
                case .nested(let nested):
                    stream.indent(elementDepth)
                    try nested.finish()
                    stream.bytes.append(contentsOf: nested.stream.bytes)
                    nested.stream.releaseSpares()
                }
            }
            stream.recycle(&written)
            stream.pinned -= 1
        }
        elements = []
        stream.close(UInt8(ascii: "]"), depth: depth)
    }
}
