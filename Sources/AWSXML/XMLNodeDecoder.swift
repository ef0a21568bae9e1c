/// A `Decoder` that reads directly from an `ElementTree`, creating Swift strings only for values.
///
/// The coding path is kept as a chain of parent decoders and rendered only when an error needs it.
final class XMLNodeDecoder: Decoder {
    /// The element being decoded; `nil` for an absent list or map, which decodes as empty.
    let element: ElementRef?
    /// Whether the element holds map entries rather than struct fields.
    let isMap: Bool
    private let parent: XMLNodeDecoder?
    private let key: (any CodingKey)?
    /// The child most recently found by a keyed lookup, where the next lookup starts.
    private var cursor: Int32?

    init(element: ElementRef?, isMap: Bool, parent: XMLNodeDecoder?, key: (any CodingKey)?) {
        self.element = element
        self.isMap = isMap
        self.parent = parent
        self.key = key
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var current: XMLNodeDecoder? = self
        while let decoder = current {
            if let key = decoder.key {
                path.append(key)
            }
            current = decoder.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try XMLKeyedContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        XMLUnkeyedContainer(decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        XMLSingleValueContainer(decoder: self)
    }

    /// Finds the element child whose name is `key`'s string value.
    func childElement(for key: some CodingKey) -> ElementRef? {
        guard let element else {
            return nil
        }
        var name = key.stringValue
        let found = name.withUTF8 { element.child(named: $0, after: cursor) }
        if let found {
            cursor = found.index
        }
        return found
    }

    /// A decoder for `child`, the element found for `key` below this decoder.
    func childDecoder(for child: ElementRef?, key: any CodingKey, isMap: Bool = false) -> XMLNodeDecoder {
        XMLNodeDecoder(element: child, isMap: isMap, parent: self, key: key)
    }

    /// Decodes `type` from `child`; an absent child is an error unless `type` is a list or map.
    func decode<T: Decodable>(_ type: T.Type, from child: ElementRef?, key: any CodingKey) throws -> T {
        if let scalar = T.self as? any XMLScalar.Type {
            guard let child else {
                throw AWSXMLError.missing(codingPath + [key])
            }
            return try parse(scalar, from: child, key: key) as! T
        }
        guard child != nil || T.self is any XMLCollection.Type else {
            throw AWSXMLError.missing(codingPath + [key])
        }
        return try T(from: childDecoder(for: child, key: key, isMap: T.self is any XMLMap.Type))
    }

    /// Decodes `type` from `child`, or returns `nil` when the child is absent, or blank and not a string.
    func decodeIfPresent<T: Decodable>(_ type: T.Type, from child: ElementRef?, key: any CodingKey) throws -> T? {
        guard let child else {
            return nil
        }
        if T.self != String.self, T.self is any XMLScalar.Type, child.isBlank {
            return nil
        }
        return try decode(type, from: child, key: key)
    }

    /// Parses the scalar in `child`, which must be present.
    func scalar<T: XMLScalar>(_ type: T.Type, from child: ElementRef?, key: any CodingKey) throws -> T {
        guard let child else {
            throw AWSXMLError.missing(codingPath + [key])
        }
        return try parse(type, from: child, key: key)
    }

    /// Parses the scalar in `child`, or returns `nil` when the child is absent, or blank and not a string.
    func scalarIfPresent<T: XMLScalar>(_ type: T.Type, from child: ElementRef?, key: any CodingKey) throws -> T? {
        guard let child, T.self == String.self || !child.isBlank else {
            return nil
        }
        return try parse(type, from: child, key: key)
    }

    /// Decodes `type` from this decoder's own element.
    func decodeSelf<T: Decodable>(_ type: T.Type) throws -> T {
        if let scalar = T.self as? any XMLScalar.Type {
            return try parseSelf(scalar) as! T
        }
        let wantsMap = T.self is any XMLMap.Type
        if wantsMap == isMap {
            return try T(from: self)
        }
        return try T(from: XMLNodeDecoder(element: element, isMap: wantsMap, parent: parent, key: key))
    }

    /// Parses the scalar in this decoder's own element.
    func parseSelf<T: XMLScalar>(_ type: T.Type) throws -> T {
        guard let element else {
            throw AWSXMLError.missing(codingPath)
        }
        return try parse(type, from: element, key: nil)
    }

    private func parse<T: XMLScalar>(_ type: T.Type, from element: ElementRef, key: (any CodingKey)?) throws -> T {
        try element.withText { text in
            guard let text else {
                throw AWSXMLError.mismatch(path(appending: key), expected: T.expectation, found: "<nested elements>")
            }
            guard let value = T(xmlText: text) else {
                throw AWSXMLError.mismatch(
                    path(appending: key), expected: T.expectation, found: String(decoding: text, as: UTF8.self)
                )
            }
            return value
        }
    }

    private func path(appending key: (any CodingKey)?) -> [any CodingKey] {
        guard let key else {
            return codingPath
        }
        return codingPath + [key]
    }
}
