/// The members of one object being encoded. Most objects write each member as it comes and, when they end, put the
/// members in sorted key order in place (nothing is flushed meanwhile). The top-level object of a sink's stream keeps
/// its members' values instead and encodes them in key order when it ends, so that the bytes of a large member
/// (`results`) go to the sink as they are made.
final class JSONStreamObject {
    private enum Member {
        /// The member's bytes, from its indentation to the end of its value, at these offsets of `stream.bytes`.
        case written(Range<Int>)
        case kept(any Encodable)
        case keptNull
        /// A nested container or super encoder, spliced in when the object ends.
        case nested(JSONStreamEncoder)
    }

    let stream: JSONStream
    /// The object's indentation level.
    private(set) var depth = 0
    /// How many keys of `stream.path` lead to the object.
    private(set) var pathLength = 0
    private var splice: JSONStreamEncoder.Splice?
    private var keepsMembers = false
    /// Where the first member starts in `stream.bytes`.
    private var start = 0
    @exclusivity(unchecked) private var keys: [String] = []
    @exclusivity(unchecked) private var members: [Member] = []
    /// The members' indices in the order they are written in.
    @exclusivity(unchecked) private var order: [Int] = []
    private var hasNested = false

    init(encoder: JSONStreamEncoder) {
        stream = encoder.stream
        open(for: encoder)
    }

    /// Starts the object of `encoder`'s value.
    func open(for encoder: JSONStreamEncoder) {
        depth = encoder.depth
        pathLength = encoder.pathLength
        splice = encoder.isTopLevel ? encoder.splice : nil
        keepsMembers = encoder.isTopLevel && stream.streamsToSink
        keys.removeAll(keepingCapacity: true)
        members.removeAll(keepingCapacity: true)
        hasNested = false
        if !keepsMembers {
            stream.append("{\n")
            stream.pinned += 1
        }
        start = stream.bytes.count
    }

    var memberDepth: Int { depth + 1 }

    /// Adds the member `key`: `value` is kept, or written by `write` after the key.
    func add<Value: Encodable>(_ key: String, _ value: Value, write: (JSONStream) throws -> Void) rethrows {
        guard !keepsMembers else { return record(key, .kept(value)) }
        if !members.isEmpty {
            stream.append(",\n")
        }
        let begin = stream.bytes.count
        stream.memberPrefix(key, depth: memberDepth)
        try write(stream)
        record(key, .written(begin..<stream.bytes.count))
    }

    /// Adds the member `key` with the value `null`.
    func addNull(_ key: String) {
        if keepsMembers {
            record(key, .keptNull)
        } else {
            add(key, Bool?.none) { $0.null() }
        }
    }

    /// Adds the member `key` as an encoder of its own, for a nested container or a super encoder.
    func addNested(_ key: any CodingKey) -> JSONStreamEncoder {
        let nested = JSONStream(sink: nil)
        nested.path = Array(stream.path[..<pathLength]) + [JSONStreamKey(key)]
        let encoder = JSONStreamEncoder(stream: nested, depth: memberDepth, pathLength: nested.path.count)
        record(key.stringValue, .nested(encoder))
        hasNested = true
        return encoder
    }

    private func record(_ key: String, _ member: Member) {
        keys.append(key)
        members.append(member)
    }

    /// Ends the object: its members in key order (the last of equal keys), each once.
    func close() throws {
        let (order, isIdentity) = stream.order(of: keys, sort: sortedOrder)
        self.order = order
        if keepsMembers {
            stream.append("{\n")
            try writeMembers(from: [])
        } else if isIdentity && !hasNested {
            stream.pinned -= 1
        } else {
            var written = stream.makeBuffer()
            written.append(contentsOf: stream.bytes[start...])
            stream.bytes.removeLast(stream.bytes.count - start)
            try writeMembers(from: written)
            stream.recycle(&written)
            stream.pinned -= 1
        }
        members.removeAll(keepingCapacity: true)
        stream.close(UInt8(ascii: "}"), depth: depth)
    }

    /// The members' indices in sorted key order, of equal keys only the last.
    private func sortedOrder() -> [Int] {
        var order = keys.indices.sorted { left, right in
            keys[left].utf8.elementsEqual(keys[right].utf8)
                ? left < right : keys[left].utf8.lexicographicallyPrecedes(keys[right].utf8)
        }
        var kept = 0
        for index in order {
            if kept > 0, keys[order[kept - 1]].utf8.elementsEqual(keys[index].utf8) {
                order[kept - 1] = index
            } else {
                order[kept] = index
                kept += 1
            }
        }
        order.removeLast(order.count - kept)
        return order
    }

    /// Writes the members in `order`, those already written copied from `written` (the bytes from `start` on).
    private func writeMembers(from written: [UInt8]) throws {
        for (position, index) in order.enumerated() {
            if position > 0 {
                stream.append(",\n")
            }
            switch members[index] {
            case .written(let range):
                stream.bytes.append(contentsOf: written[(range.lowerBound - start)..<(range.upperBound - start)])
            case .kept(let value):
                stream.memberPrefix(keys[index], depth: memberDepth)
                if let splice, splice.key == keys[index] {
                    try stream.flush()
                    try splice.write()
                } else {
                    stream.path.append(JSONStreamKey(keys[index]))
                    try JSONStreamEncoder.write(value, into: stream, depth: memberDepth)
                    stream.path.removeLast()
                }
                try stream.flushIfFull()
            case .keptNull:
                stream.memberPrefix(keys[index], depth: memberDepth)
                stream.null()
            case .nested(let nested):
                stream.memberPrefix(keys[index], depth: memberDepth)
                try nested.finish()
                stream.bytes.append(contentsOf: nested.stream.bytes)
                nested.stream.releaseSpares()
            }
        }
    }
}
