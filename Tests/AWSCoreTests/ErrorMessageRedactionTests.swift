import AWSCore
import Foundation
import Logging
import Testing

@Suite struct ErrorMessageRedactionTests {
    static let token = "FwoGZXIvYXdzEJr//////////wEaDKx+Example/Token+Value=="
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

    @Test(arguments: [
        ("plain message", "plain message"),
        ("bad x-amz-security-token:abc123def here", "bad x-amz-security-token:[redacted] here"),
        ("url ?X-Amz-Security-Token=abc%2Bdef&X-Amz-Date=1", "url ?X-Amz-Security-Token=[redacted]&X-Amz-Date=1"),
        (
            "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sts/aws4_request, Signature=abc\nnext",
            "Authorization: [redacted]\nnext"
        ),
        ("header 'Credential=AKID/x/y' and Signature=deadbeef.", "header 'Credential=[redacted]' and Signature=[redacted]"),
        ("User is not authorized to perform: sts:AssumeRole", "User is not authorized to perform: sts:AssumeRole"),
        (
            "Signature mismatch.\n\nThe Canonical String for this request should have been\n'POST\n/\n\nhost:x\n'",
            "Signature mismatch.\n\n[signing details removed]"
        ),
        ("The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n'", "[signing details removed]"),
    ])
    func redactsPatterns(message: String, expected: String) {
        #expect(ErrorMessageRedaction.redact(message) == expected)
    }

    @Test func redactsTheRequestsSecretsPlainAndPercentEncoded() {
        let encoded = Self.token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let message = "echo \(Self.secret) and \(Self.token) and \(encoded) for AKIDEXAMPLE"
        let redacted = ErrorMessageRedaction.redact(message, secrets: [Self.secret, Self.token])
        #expect(redacted == "echo [redacted] and [redacted] and [redacted] for AKIDEXAMPLE")
    }

    @Test func shortSecretsAreNotSearchedFor() {
        #expect(ErrorMessageRedaction.redact("status is fine", secrets: ["s"]) == "status is fine")
    }

    @Test func capsTheLength() {
        let redacted = ErrorMessageRedaction.redact(String(repeating: "a", count: 2000))
        #expect(redacted.count == ErrorMessageRedaction.maxLength)
        #expect(redacted.hasSuffix("…"))
        #expect(ErrorMessageRedaction.redact(String(repeating: "a", count: 512)) == String(repeating: "a", count: 512))
    }

    @Test func errorsAreRedactedWhenBuilt() {
        let service = AWSServiceError(
            service: "sts", operation: "GetCallerIdentity", statusCode: 403, code: "SignatureDoesNotMatch",
            message: "x-amz-security-token:\(Self.token)", requestId: "r-1", redacting: [Self.secret])
        #expect(!service.description.contains(Self.token))
        let client = AWSClientError(
            .transport, service: "sts", operation: "GetCallerIdentity", message: "reset after \(Self.secret)",
            redacting: [Self.secret])
        #expect(client.message == "reset after [redacted]")
    }
}

/// Real-shaped `SignatureDoesNotMatch` answers, built from the request the client signed (so they quote its real
/// token in the canonical request and echo its secret and Authorization header), must not reach any error.
@Suite struct SignatureMismatchRedactionTests {
    /// Answers every request with a signature error in `service`'s protocol, quoting the request.
    struct MismatchTransport: HTTPTransport {
        var json: Bool
        var ec2: Bool

        func send(_ request: AWSHTTPRequest, timeout: Duration) async throws -> AWSHTTPResponse {
            let token = request.header("X-Amz-Security-Token") ?? ""
            let authorization = request.header("Authorization") ?? ""
            let message = """
                The request signature we calculated does not match the signature you provided. Check your AWS \
                Secret Access Key and signing method. (Authorization: \(authorization)) Echo: \(ErrorMessageRedactionTests.secret)

                The Canonical String for this request should have been
                'POST
                /

                content-type:application/x-www-form-urlencoded; charset=utf-8
                host:sts.amazonaws.com
                x-amz-date:20260101T000000Z
                x-amz-security-token:\(token)

                content-type;host;x-amz-date;x-amz-security-token
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

                The String-to-Sign should have been
                'AWS4-HMAC-SHA256
                20260101T000000Z
                20260101/us-east-1/sts/aws4_request
                9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'

                """
            let body: String
            if json {
                let document = try JSONSerialization.data(
                    withJSONObject: ["__type": "InvalidSignatureException", "message": message])
                body = String(decoding: document, as: UTF8.self)
            } else if ec2 {
                body = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Response><Errors><Error><Code>SignatureDoesNotMatch</Code><Message>\(escape(message))</Message>\
                    </Error></Errors><RequestID>5d2a4b3c-1111-2222-3333-444455556666</RequestID></Response>
                    """
            } else {
                body = """
                    <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                      <Error>
                        <Type>Sender</Type>
                        <Code>SignatureDoesNotMatch</Code>
                        <Message>\(escape(message))</Message>
                      </Error>
                      <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>
                    </ErrorResponse>
                    """
            }
            return AWSHTTPResponse(
                statusCode: 403, headers: [(name: "Content-Type", value: json ? "application/x-amz-json-1.1" : "text/xml")],
                body: Array(body.utf8))
        }

        private func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
    }

    struct Empty: Codable, Sendable {}

    private func client(_ transport: MismatchTransport) throws -> AWSClient {
        AWSClient(
            transport: transport, endpoints: try EndpointResolver(environment: [:]),
            retry: RetryConfiguration(mode: .standard, maxAttempts: 1), logger: Logger(label: "test"))
    }

    private let context = AWSCallContext(
        region: "us-east-1",
        credentials: StaticCredentialProvider(
            AWSCredentials(
                accessKeyId: "ASIAEXAMPLE", secretAccessKey: ErrorMessageRedactionTests.secret,
                sessionToken: ErrorMessageRedactionTests.token)))

    private func expectClean(_ error: (any Error)?) {
        let text = String(describing: error)
        #expect(error is AWSServiceError, "\(text)")
        #expect((error as? AWSServiceError)?.code.contains("Signature") == true, "\(text)")
        #expect(!text.contains(ErrorMessageRedactionTests.token))
        #expect(!text.contains(ErrorMessageRedactionTests.secret))
        #expect(!text.contains("Signature="))
        #expect(text.contains("signature we calculated does not match"))
    }

    @Test func queryProtocol() async throws {
        let error = await #expect(throws: (any Error).self) {
            let _: Empty = try await client(MismatchTransport(json: false, ec2: false)).query(
                .getCallerIdentity, service: .sts, context: context, parameters: QueryParameters())
        }
        expectClean(error)
    }

    @Test func ec2Protocol() async throws {
        let error = await #expect(throws: (any Error).self) {
            let _: Empty = try await client(MismatchTransport(json: false, ec2: true)).query(
                .describeRegions, service: .ec2, context: context, parameters: QueryParameters())
        }
        expectClean(error)
    }

    @Test func jsonProtocol() async throws {
        let error = await #expect(throws: (any Error).self) {
            let _: Empty = try await client(MismatchTransport(json: true, ec2: false)).json(
                .describeInstanceInformation, service: .ssm, context: context, input: Empty())
        }
        expectClean(error)
    }
}
