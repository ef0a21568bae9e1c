import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The baseline for `AWSXMLDecoder`: Foundation's `XMLParser` builds an element tree, and a `Decoder` over that tree
/// decodes the same models with the same rules (keys are child element names, lists are all element children).
struct FoundationXMLDecoder {
    struct Failure: Error {
        var message: String
    }

    /// Decodes `type` from the document's root element.
    func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let builder = XMLTreeBuilder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw Failure(message: "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "no root")")
        }
        return try T(from: XMLTreeDecoder(node: root, codingPath: []))
    }
}

/// One element: its name, text and element children.
final class XMLTreeNode {
    let name: String
    var text = ""
    var children: [XMLTreeNode] = []

    init(name: String) {
        self.name = name
    }

    func child(named name: String) -> XMLTreeNode? {
        children.first { $0.name == name }
    }
}

/// Builds the element tree from `XMLParser`'s events.
final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    private(set) var root: XMLTreeNode?
    private var stack: [XMLTreeNode] = []

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let node = XMLTreeNode(name: elementName)
        if let parent = stack.last {
            parent.children.append(node)
        } else {
            root = node
        }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
    }
}

/// A `Decoder` over one element of the tree.
struct XMLTreeDecoder: Decoder {
    let node: XMLTreeNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedContainer(nodes: node.children, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(node: node, codingPath: codingPath)
    }

    static func scalar<T: LosslessStringConvertible>(_ type: T.Type, _ node: XMLTreeNode, path: [any CodingKey]) throws -> T {
        let text = node.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let value = T(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "'\(text)' is not a \(T.self)"))
        }
        return value
    }

    static func decode<T: Decodable>(_ type: T.Type, _ node: XMLTreeNode, path: [any CodingKey]) throws -> T {
        switch type {
        case is String.Type: return node.text as! T
        case is Int.Type: return try scalar(Int.self, node, path: path) as! T
        case is Bool.Type: return try scalar(Bool.self, node, path: path) as! T
        case is Double.Type: return try scalar(Double.self, node, path: path) as! T
        case is Date.Type:
            guard let date = try? Date(node.text, strategy: .iso8601) else {
                throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "not an ISO-8601 date"))
            }
            return date as! T
        default: return try T(from: XMLTreeDecoder(node: node, codingPath: path))
        }
    }

    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let node: XMLTreeNode
        let codingPath: [any CodingKey]
        var allKeys: [Key] { node.children.compactMap { Key(stringValue: $0.name) } }

        func contains(_ key: Key) -> Bool { node.child(named: key.stringValue) != nil }

        func decodeNil(forKey key: Key) throws -> Bool { !contains(key) }

        private func child(_ key: Key) throws -> XMLTreeNode {
            guard let child = node.child(named: key.stringValue) else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no <\(key.stringValue)>"))
            }
            return child
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            guard let child = node.child(named: key.stringValue) else {
                if let empty = [Any]() as? T { return empty }
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no <\(key.stringValue)>"))
            }
            return try XMLTreeDecoder.decode(type, child, path: codingPath + [key])
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type as Bool.Type, key) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try child(key).text }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type as Double.Type, key) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(type as Float.Type, key) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type as Int.Type, key) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(type as Int8.Type, key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(type as Int16.Type, key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type as Int32.Type, key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type as Int64.Type, key) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(type as UInt.Type, key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(type as UInt8.Type, key) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(type as UInt16.Type, key) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(type as UInt32.Type, key) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(type as UInt64.Type, key) }

        private func decode<T: LosslessStringConvertible>(_ type: T.Type, _ key: Key) throws -> T {
            try XMLTreeDecoder.scalar(type, child(key), path: codingPath + [key])
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            KeyedDecodingContainer(KeyedContainer<NestedKey>(node: try child(key), codingPath: codingPath + [key]))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            UnkeyedContainer(nodes: node.child(named: key.stringValue)?.children ?? [], codingPath: codingPath + [key])
        }

        func superDecoder() throws -> any Decoder { XMLTreeDecoder(node: node, codingPath: codingPath) }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            XMLTreeDecoder(node: try child(key), codingPath: codingPath + [key])
        }
    }

    struct UnkeyedContainer: UnkeyedDecodingContainer {
        let nodes: [XMLTreeNode]
        let codingPath: [any CodingKey]
        private(set) var currentIndex = 0
        var count: Int? { nodes.count }
        var isAtEnd: Bool { currentIndex >= nodes.count }

        init(nodes: [XMLTreeNode], codingPath: [any CodingKey]) {
            self.nodes = nodes
            self.codingPath = codingPath
        }

        private struct Index: CodingKey {
            var intValue: Int?
            var stringValue: String { "\(intValue ?? 0)" }
            init(intValue: Int) { self.intValue = intValue }
            init?(stringValue: String) { nil }
        }

        private mutating func next() throws -> XMLTreeNode {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "list ended"))
            }
            defer { currentIndex += 1 }
            return nodes[currentIndex]
        }

        mutating func decodeNil() throws -> Bool { false }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let path = codingPath + [Index(intValue: currentIndex)]
            return try XMLTreeDecoder.decode(type, try next(), path: path)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            KeyedDecodingContainer(KeyedContainer<NestedKey>(node: try next(), codingPath: codingPath))
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            UnkeyedContainer(nodes: try next().children, codingPath: codingPath)
        }

        mutating func superDecoder() throws -> any Decoder { XMLTreeDecoder(node: try next(), codingPath: codingPath) }
    }

    struct SingleValueContainer: SingleValueDecodingContainer {
        let node: XMLTreeNode
        let codingPath: [any CodingKey]

        func decodeNil() -> Bool { false }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try XMLTreeDecoder.decode(type, node, path: codingPath)
        }
    }
}
