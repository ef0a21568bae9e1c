import AWSXML
import Foundation

extension AWSClient {
    /// The service error an unsuccessful response carries, from its XML or JSON error document, without `secrets`.
    static func serviceError(
        _ response: AWSHTTPResponse, service: AWSServiceDescription, operation: ReadOnlyOperation,
        redacting secrets: [String]
    ) -> AWSServiceError {
        let requestId = response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id")
        switch service.wireProtocol {
        case .query, .ec2, .restXML:
            if let document = AWSXMLDecoder().decodeErrorDocument(from: response.body) {
                return AWSServiceError(
                    service: service.signingName, operation: operation.name, statusCode: response.statusCode,
                    code: document.code, message: document.message ?? "", requestId: document.requestId ?? requestId,
                    redacting: secrets)
            }
        case .json, .restJSON:
            if let document = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] {
                let type = (response.header("x-amzn-ErrorType") ?? document["__type"] as? String ?? document["code"] as? String)
                if let type {
                    let code = String(type.split(separator: "#").last ?? Substring(type)).split(separator: ":").first.map(String.init) ?? type
                    let message = document["message"] as? String ?? document["Message"] as? String ?? ""
                    return AWSServiceError(
                        service: service.signingName, operation: operation.name, statusCode: response.statusCode, code: code,
                        message: message, requestId: requestId, redacting: secrets)
                }
            }
        }
        if service.wireProtocol == .restXML, response.body.isEmpty, let code = bodilessErrorCodes[response.statusCode] {
            // S3 answers HEAD with a status alone; its SDKs name the error after it.
            let region = response.header("x-amz-bucket-region").map { " (the bucket is in \($0))" } ?? ""
            return AWSServiceError(
                service: service.signingName, operation: operation.name, statusCode: response.statusCode, code: code,
                message: "\(code)\(region)", requestId: requestId, redacting: secrets)
        }
        return AWSServiceError(
            service: service.signingName, operation: operation.name, statusCode: response.statusCode,
            code: "HTTP\(response.statusCode)", message: "unrecognised error response", requestId: requestId,
            redacting: secrets)
    }

    /// The error codes S3's SDKs give a bodiless answer of these statuses.
    static let bodilessErrorCodes: [Int: String] = [
        301: "PermanentRedirect", 400: "BadRequest", 403: "Forbidden", 404: "NotFound", 412: "PreconditionFailed",
    ]
}
