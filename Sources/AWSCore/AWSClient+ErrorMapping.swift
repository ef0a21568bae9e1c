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
        case .query, .ec2:
            if let document = AWSXMLDecoder().decodeErrorDocument(from: response.body) {
                return AWSServiceError(
                    service: service.signingName, operation: operation.name, statusCode: response.statusCode,
                    code: document.code, message: document.message ?? "", requestId: document.requestId ?? requestId,
                    redacting: secrets)
            }
        case .json:
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
        return AWSServiceError(
            service: service.signingName, operation: operation.name, statusCode: response.statusCode,
            code: "HTTP\(response.statusCode)", message: "unrecognised error response", requestId: requestId,
            redacting: secrets)
    }
}
