/// Decodes AWS query-protocol and EC2-protocol XML responses into `Decodable` models.
///
/// Coding keys are child element names, compared byte for byte. Lists decode from every element child of the
/// key's element (`<member>` or `<item>`), maps from `<entry><key/><value/></entry>` children, and a missing list
/// or map element decodes as empty. Missing optional keys decode as `nil`; an empty element decodes as `""` for an
/// optional `String` and as `nil` for other optional scalars. Dates are ISO-8601 with or without fractional
/// seconds. Documents with a DOCTYPE, deeper than `maximumDepth`, or not well-formed UTF-8 XML are rejected.
public struct AWSXMLDecoder: Sendable {
    /// The deepest element nesting accepted in a document.
    public static let maximumDepth = LibXMLParser.maximumDepth

    /// Creates a decoder.
    public init() {}

    /// Decodes `type` from the element reached by descending `resultPath` from the document's root element.
    ///
    /// For query protocols pass the result wrapper, e.g. `["GetCallerIdentityResult"]`; for EC2 pass `[]`.
    /// - Throws: `AWSXMLError` naming the coding path of the first failure.
    public func decode<T: Decodable>(
        _ type: T.Type, from bytes: some Collection<UInt8>, resultPath: [String] = []
    ) throws -> T {
        try Self.withContiguousBytes(bytes) { buffer in
            try LibXMLParser.withRootElement(of: buffer) { root in
                var element = root
                for (depth, name) in resultPath.enumerated() {
                    guard let child = element.firstChild(named: name) else {
                        throw AWSXMLError(
                            kind: .missingElement, path: resultPath[...depth].joined(separator: "."),
                            message: "result element is missing under <\(element.name)>"
                        )
                    }
                    element = child
                }
                let decoder = XMLNodeDecoder(element: element, isMap: false, parent: nil, key: nil)
                do {
                    return try decoder.decodeSelf(type)
                } catch let error as DecodingError {
                    throw AWSXMLError(error)
                }
            }
        }
    }

    /// Reads an AWS error document, or returns `nil` when `bytes` is not one.
    ///
    /// Recognises `<ErrorResponse><Error>…</Error><RequestId/></ErrorResponse>` (IAM, STS, CloudFormation),
    /// `<Response><Errors><Error>…</Error></Errors><RequestID/></Response>` (EC2) and either root with the other
    /// inner shape, plus a bare `<Error>` root. `Code` must be present and non-empty.
    public func decodeErrorDocument(
        from bytes: some Collection<UInt8>
    ) -> (code: String, message: String?, requestId: String?)? {
        try? Self.withContiguousBytes(bytes) { buffer in
            try LibXMLParser.withRootElement(of: buffer) { root in
                let error = root.name == "Error"
                    ? root
                    : root.firstChild(named: "Error") ?? root.firstChild(named: "Errors")?.firstChild(named: "Error")
                guard let error, let code = Self.text(of: error, named: "Code"), !code.isEmpty else {
                    return nil
                }
                let requestId = Self.text(of: root, named: "RequestId") ?? Self.text(of: root, named: "RequestID")
                    ?? Self.text(of: error, named: "RequestId") ?? Self.text(of: error, named: "RequestID")
                return (code, Self.text(of: error, named: "Message"), requestId)
            }
        }
    }

    private static func text(of element: ElementRef, named name: String) -> String? {
        element.firstChild(named: name)?.withText { text in
            text.map { String(decoding: $0, as: UTF8.self) }
        }
    }

    private static func withContiguousBytes<R>(
        _ bytes: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R
    ) throws -> R {
        if let result = try bytes.withContiguousStorageIfAvailable(body) {
            return result
        }
        return try Array(bytes).withUnsafeBufferPointer(body)
    }
}
