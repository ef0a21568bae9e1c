/// A response of the synthetic endpoint, in the service's wire format.
public struct SyntheticResponse: Sendable {
    public var status: Int
    public var contentType: String
    /// The body: a template, filled for `account` when read or copied.
    private var template: WireBytes
    private var account: Int
    /// The AWS error code, for error responses.
    public var errorCode: String?

    public init(status: Int = 200, contentType: String, body: [UInt8], errorCode: String? = nil) {
        self.init(status: status, contentType: contentType, template: WireBytes(bytes: body), account: 0, errorCode: errorCode)
    }

    init(status: Int = 200, contentType: String, template: WireBytes, account: Int, errorCode: String? = nil) {
        self.status = status
        self.contentType = contentType
        self.template = template
        self.account = account
        self.errorCode = errorCode
    }

    /// The body, as sent.
    public var body: [UInt8] { template.filled(account: account) }

    /// The body's length in bytes.
    public var bodyCount: Int { template.bytes.count }

    /// Copies the body to the start of `buffer`, which holds at least `bodyCount` bytes (no intermediate copy).
    public func copyBody(into buffer: UnsafeMutableRawBufferPointer) {
        template.copyFilled(account: account, into: buffer)
    }

    static let requestId: StaticString = "b0000000-0000-4000-8000-000000000000"

    /// An AWS query answer: `<OpResponse><OpResult>…</OpResult><ResponseMetadata>…</OpResponse>`.
    static func query(_ operation: String, namespace: StaticString, result: WireBytes) -> SyntheticResponse {
        var xml: WireBytes = "<\(operation)Response xmlns=\"\(namespace)\"><\(operation)Result>"
        xml.reserveCapacity(result.bytes.count + 2 * operation.utf8.count + 200)
        xml += result
        xml += "</\(operation)Result><ResponseMetadata><RequestId>\(requestId)</RequestId></ResponseMetadata></\(operation)Response>"
        return SyntheticResponse(contentType: "text/xml", body: xml.bytes)
    }

    static let ec2ContentType = "text/xml;charset=UTF-8"

    /// An EC2 answer: `<OpResponse><requestId/>…</OpResponse>`.
    static func ec2(_ operation: String, content: WireBytes) -> SyntheticResponse {
        SyntheticResponse(contentType: ec2ContentType, body: ec2Body(operation, content: content).bytes)
    }

    /// An EC2 answer rendered as a template (`ec2Body`), filled for `account`.
    static func ec2(_ template: WireBytes, account: Int) -> SyntheticResponse {
        SyntheticResponse(contentType: ec2ContentType, template: template, account: account)
    }

    /// The body of an EC2 answer; holes in `content` stay open.
    static func ec2Body(_ operation: String, content: WireBytes) -> WireBytes {
        var xml: WireBytes = """
            <?xml version="1.0" encoding="UTF-8"?>
            <\(operation)Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>\(requestId)</requestId>
            """
        xml.reserveCapacity(content.bytes.count + 2 * operation.utf8.count + 150)
        xml += content
        xml += "</\(operation)Response>"
        return xml
    }

    static let jsonContentType = "application/x-amz-json-1.1"

    static func json(_ text: WireBytes) -> SyntheticResponse {
        SyntheticResponse(contentType: jsonContentType, body: text.bytes)
    }

    /// A JSON answer rendered as a template, filled for `account`.
    static func json(_ template: WireBytes, account: Int) -> SyntheticResponse {
        SyntheticResponse(contentType: jsonContentType, template: template, account: account)
    }

    /// The error of `service` in its wire format: query `ErrorResponse`, EC2 `Response/Errors`, or JSON `__type`.
    public static func error(service: String, status: Int, code: String, message: String) -> SyntheticResponse {
        switch service {
        case "ec2":
            let xml: WireBytes = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Response><Errors><Error><Code>\(code)</Code><Message>\(XML.escape(message))</Message></Error></Errors>\
                <RequestID>\(requestId)</RequestID></Response>
                """
            return SyntheticResponse(status: status, contentType: ec2ContentType, body: xml.bytes, errorCode: code)
        case "ssm", "organizations", "servicequotas", "account", "secretsmanager", "kms":
            let text: WireBytes = "{\"__type\":\"\(code)\",\"message\":\"\(message)\"}"
            return SyntheticResponse(status: status, contentType: jsonContentType, body: text.bytes, errorCode: code)
        default:
            let xml: WireBytes = """
                <ErrorResponse><Error><Type>Sender</Type><Code>\(code)</Code><Message>\(XML.escape(message))</Message></Error>\
                <RequestId>\(requestId)</RequestId></ErrorResponse>
                """
            return SyntheticResponse(status: status, contentType: "text/xml", body: xml.bytes, errorCode: code)
        }
    }

    /// The AccessDenied error of `service` for `action` (`service:Operation`) refused to `caller`, as AWS answers it:
    /// EC2 `UnauthorizedOperation` 403, JSON `AccessDeniedException` 400, query `AccessDenied` 403.
    public static func accessDenied(service: String, action: String, caller: String) -> SyntheticResponse {
        let message = "User: \(caller) is not authorized to perform: \(action) because no identity-based policy allows the \(action) action"
        switch service {
        case "ec2": return error(service: service, status: 403, code: "UnauthorizedOperation", message: "You are not authorized to perform this operation. \(message)")
        case "ssm", "organizations", "servicequotas", "secretsmanager", "kms":
            return error(service: service, status: 400, code: "AccessDeniedException", message: message)
        case "account": return error(service: service, status: 403, code: "AccessDeniedException", message: message)
        default: return error(service: service, status: 403, code: "AccessDenied", message: message)
        }
    }

    /// The throttling error of `service`, as AWS answers it.
    public static func throttling(service: String) -> SyntheticResponse {
        switch service {
        case "ec2": error(service: service, status: 503, code: "RequestLimitExceeded", message: "Request limit exceeded.")
        case "ssm", "organizations", "servicequotas": error(service: service, status: 400, code: "ThrottlingException", message: "Rate exceeded")
        case "account": error(service: service, status: 429, code: "TooManyRequestsException", message: "Rate exceeded")
        default: error(service: service, status: 400, code: "Throttling", message: "Rate exceeded")
        }
    }
}
