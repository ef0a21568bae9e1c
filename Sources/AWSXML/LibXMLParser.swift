internal import CLibXML2

/// Parses XML from memory with libxml2's SAX2 interface into an `ElementTree`, under a hardened configuration.
///
/// Network access is off, no entity is substituted or resolved, no DTD is loaded and any DOCTYPE aborts the
/// parse; nesting is bounded; input must be UTF-8 whatever the declaration says; diagnostics are collected
/// instead of printed to stderr.
enum LibXMLParser {
    /// The deepest element nesting accepted.
    static let maximumDepth = 256

    private static let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue
        | XML_PARSE_IGNORE_ENC.rawValue)

    /// Runs `xmlInitParser` exactly once, as libxml2 requires before use from several threads.
    private static let initialized: Void = xmlInitParser()

    /// Parses `bytes` and calls `body` with the root element, which is valid only during the call.
    static func withRootElement<R>(of bytes: UnsafeBufferPointer<UInt8>, _ body: (ElementRef) throws -> R) throws -> R {
        _ = initialized
        guard bytes.count <= Int32.max else {
            throw AWSXMLError(kind: .malformedDocument, path: "", message: "document is too large")
        }
        guard let context = xmlNewParserCtxt() else {
            throw AWSXMLError(kind: .malformedDocument, path: "", message: "libxml2 could not allocate a parser")
        }
        // Element names point into the context's dictionary: free it only after `body` returns.
        defer { xmlFreeParserCtxt(context) }

        var state = ParseState(tree: ElementTree(reservingFor: bytes.count))
        return try withUnsafeMutablePointer(to: &state) { state in
            context.pointee._private = UnsafeMutableRawPointer(state)
            context.pointee.sax.pointee = makeHandler()

            let savedHandler = __xmlStructuredError().pointee
            let savedContext = __xmlStructuredErrorContext().pointee
            xmlSetStructuredErrorFunc(nil, { _, _ in })
            if let base = bytes.baseAddress {
                base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
                    xmlFreeDoc(xmlCtxtReadMemory(context, chars, Int32(bytes.count), nil, "UTF-8", options))
                }
            }
            xmlSetStructuredErrorFunc(savedContext, savedHandler)

            if let rejection = state.pointee.rejection {
                throw rejection
            }
            guard bytes.baseAddress != nil, context.pointee.wellFormed != 0 else {
                throw state.pointee.firstError ?? AWSXMLError(
                    kind: .malformedDocument, path: "", message: "malformed XML: document is empty"
                )
            }
            return try state.pointee.tree.withRootElement { root in
                guard let root else {
                    throw AWSXMLError(kind: .malformedDocument, path: "", message: "malformed XML: no root element")
                }
                return try body(root)
            }
        }
    }

    /// SAX2 callbacks that build the tree, reject DOCTYPEs, bound nesting and collect the first error.
    private static func makeHandler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.internalSubset = { userData, _, _, _ in
            ParseState.reject(userData, AWSXMLError(
                kind: .doctypeNotAllowed, path: "", message: "DOCTYPE declarations are not allowed in AWS responses"
            ))
        }
        handler.startElementNs = { userData, name, _, _, _, _, _, _, _ in
            guard let state = ParseState.from(userData), let name else {
                return
            }
            guard state.pointee.tree.depth < LibXMLParser.maximumDepth else {
                ParseState.reject(userData, AWSXMLError(
                    kind: .nestingTooDeep, path: "",
                    message: "elements are nested deeper than \(LibXMLParser.maximumDepth) levels"
                ))
                return
            }
            state.pointee.tree.startElement(named: name)
        }
        handler.endElementNs = { userData, _, _, _ in
            ParseState.from(userData)?.pointee.tree.endElement()
        }
        let characters: charactersSAXFunc = { userData, bytes, count in
            guard let state = ParseState.from(userData), let bytes, count > 0 else {
                return
            }
            state.pointee.tree.characters(UnsafeBufferPointer(start: bytes, count: Int(count)))
        }
        handler.characters = characters
        handler.ignorableWhitespace = characters
        handler.serror = { _, error in
            guard let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue,
                  let state = ParseState.from(error.pointee.ctxt), state.pointee.firstError == nil else {
                return
            }
            state.pointee.firstError = ParseState.describe(error.pointee)
        }
        return handler
    }
}

/// Per-parse state reachable from libxml2 callbacks through the parser context's `_private` pointer.
private struct ParseState {
    var tree: ElementTree
    var rejection: AWSXMLError?
    var firstError: AWSXMLError?

    /// The state of the parser context passed to a callback as `userData`.
    static func from(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<ParseState>? {
        context?.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private?
            .assumingMemoryBound(to: ParseState.self)
    }

    /// Records why the document is refused and stops the parser at once.
    static func reject(_ context: UnsafeMutableRawPointer?, _ error: AWSXMLError) {
        guard let state = from(context), let context else {
            return
        }
        if state.pointee.rejection == nil {
            state.pointee.rejection = error
        }
        xmlStopParser(context.assumingMemoryBound(to: xmlParserCtxt.self))
    }

    static func describe(_ error: xmlError) -> AWSXMLError {
        let full = error.message.map { String(cString: $0) } ?? ""
        let firstLine = full.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let text = firstLine.isEmpty ? "unknown error" : firstLine
        return AWSXMLError(
            kind: .malformedDocument, path: "",
            message: "malformed XML at line \(error.line), column \(error.int2): \(text)"
        )
    }
}
