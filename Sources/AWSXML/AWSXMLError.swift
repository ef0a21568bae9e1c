/// An error raised while parsing or decoding an AWS XML response.
///
/// `path` names the element where decoding failed, e.g. `reservationSet[2].instancesSet[0].launchTime`;
/// it is empty for document-level failures.
public struct AWSXMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The category of failure.
    public enum Kind: Sendable, Equatable {
        /// The bytes are not a well-formed XML document (includes invalid UTF-8 and truncation).
        case malformedDocument
        /// The document carries a DOCTYPE declaration, which AWS responses never do.
        case doctypeNotAllowed
        /// Elements are nested deeper than `AWSXMLDecoder.maximumDepth`.
        case nestingTooDeep
        /// A required element (or an element of the result path) is missing.
        case missingElement
        /// An element's content does not have the expected type.
        case typeMismatch
        /// A model rejected an element's value (for example an unknown enum case).
        case invalidValue
    }

    /// The category of failure.
    public let kind: Kind
    /// The dotted coding path of the failing element, with `[n]` for list items.
    public let path: String
    /// A human-readable explanation.
    public let message: String

    /// Creates an error from its parts.
    public init(kind: Kind, path: String, message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String {
        path.isEmpty ? message : "\(path): \(message)"
    }
}

extension AWSXMLError {
    /// Renders a coding path as `a.b[2].c`.
    static func render(_ codingPath: [any CodingKey]) -> String {
        var result = ""
        for key in codingPath {
            if let index = key as? IndexKey {
                result += "[\(index.index)]"
            } else {
                if !result.isEmpty {
                    result += "."
                }
                result += key.stringValue
            }
        }
        return result
    }

    static func missing(_ codingPath: [any CodingKey]) -> AWSXMLError {
        AWSXMLError(kind: .missingElement, path: render(codingPath), message: "required element is missing")
    }

    static func mismatch(_ codingPath: [any CodingKey], expected: String, found: String) -> AWSXMLError {
        AWSXMLError(
            kind: .typeMismatch,
            path: render(codingPath),
            message: "expected \(expected), found \(quoted(found))"
        )
    }

    /// Converts an error thrown by a model's own `init(from:)` into an `AWSXMLError`.
    init(_ error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            self.init(kind: .missingElement, path: Self.render(context.codingPath + [key]),
                      message: "required element is missing")
        case .valueNotFound(_, let context):
            self.init(kind: .missingElement, path: Self.render(context.codingPath), message: context.debugDescription)
        case .typeMismatch(_, let context):
            self.init(kind: .typeMismatch, path: Self.render(context.codingPath), message: context.debugDescription)
        case .dataCorrupted(let context):
            self.init(kind: .invalidValue, path: Self.render(context.codingPath), message: context.debugDescription)
        @unknown default:
            self.init(kind: .invalidValue, path: "", message: String(describing: error))
        }
    }

    /// Quotes a found value for an error message, cut short so that long values never flood a log.
    private static func quoted(_ value: String) -> String {
        let limit = 40
        let shown = value.count > limit ? String(value.prefix(limit)) + "…" : value
        return "\"\(shown)\""
    }
}
