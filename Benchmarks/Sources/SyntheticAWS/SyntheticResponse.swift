/// A response of the synthetic endpoint, in the service's wire format.
public struct SyntheticResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    /// The AWS error code, for error responses.
    public var errorCode: String?

    public init(status: Int = 200, contentType: String, body: [UInt8], errorCode: String? = nil) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.errorCode = errorCode
    }

    static let requestId = "b0000000-0000-4000-8000-000000000000"

    /// An AWS query answer: `<OpResponse><OpResult>…</OpResult><ResponseMetadata>…</OpResponse>`.
    static func query(_ operation: String, namespace: String, result: String) -> SyntheticResponse {
        var xml = "<\(operation)Response xmlns=\"\(namespace)\"><\(operation)Result>"
        xml += result
        xml += "</\(operation)Result><ResponseMetadata><RequestId>\(requestId)</RequestId></ResponseMetadata></\(operation)Response>"
        return SyntheticResponse(contentType: "text/xml", body: Array(xml.utf8))
    }

    /// An EC2 answer: `<OpResponse><requestId/>…</OpResponse>`.
    static func ec2(_ operation: String, content: String) -> SyntheticResponse {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<\(operation)Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
            + "<requestId>\(requestId)</requestId>" + content + "</\(operation)Response>"
        return SyntheticResponse(contentType: "text/xml;charset=UTF-8", body: Array(xml.utf8))
    }

    static func json(_ text: String) -> SyntheticResponse {
        SyntheticResponse(contentType: "application/x-amz-json-1.1", body: Array(text.utf8))
    }

    /// The error of `service` in its wire format: query `ErrorResponse`, EC2 `Response/Errors`, or JSON `__type`.
    public static func error(service: String, status: Int, code: String, message: String) -> SyntheticResponse {
        switch service {
        case "ec2":
            let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>\(code)</Code><Message>"
                + XML.escape(message) + "</Message></Error></Errors><RequestID>\(requestId)</RequestID></Response>"
            return SyntheticResponse(status: status, contentType: "text/xml;charset=UTF-8", body: Array(xml.utf8), errorCode: code)
        case "ssm", "organizations":
            let text = "{\"__type\":\"\(code)\",\"message\":\"\(message)\"}"
            return SyntheticResponse(status: status, contentType: "application/x-amz-json-1.1", body: Array(text.utf8), errorCode: code)
        default:
            let xml = "<ErrorResponse><Error><Type>Sender</Type><Code>\(code)</Code><Message>" + XML.escape(message)
                + "</Message></Error><RequestId>\(requestId)</RequestId></ErrorResponse>"
            return SyntheticResponse(status: status, contentType: "text/xml", body: Array(xml.utf8), errorCode: code)
        }
    }

    /// The throttling error of `service`, as AWS answers it.
    public static func throttling(service: String) -> SyntheticResponse {
        switch service {
        case "ec2": error(service: service, status: 503, code: "RequestLimitExceeded", message: "Request limit exceeded.")
        case "ssm", "organizations": error(service: service, status: 400, code: "ThrottlingException", message: "Rate exceeded")
        default: error(service: service, status: 400, code: "Throttling", message: "Rate exceeded")
        }
    }
}
