import AWSCore
import AWSSigV4
import Foundation
import Logging
import Testing

/// The REST-XML protocol as S3 speaks it: the request as built and signed (virtual-hosted or below an endpoint
/// URL, the path signed as sent with `//` kept, `x-amz-content-sha256`), and the answers mapped (headers, `<Error>`
/// documents, bodiless HEAD errors).
@Suite struct RESTXMLProtocolTests {
    /// Records the one request it gets and answers with `response`.
    final class RecordingTransport: HTTPTransport, @unchecked Sendable {
        let response: AWSHTTPResponse
        private let lock = NSLock()
        private var recorded: [AWSHTTPRequest] = []

        init(_ response: AWSHTTPResponse) { self.response = response }

        var requests: [AWSHTTPRequest] { lock.withLock { recorded } }

        func send(_ request: AWSHTTPRequest, timeout: Duration) async throws -> AWSHTTPResponse {
            lock.withLock { recorded.append(request) }
            return response
        }
    }

    static let date = Date(timeIntervalSince1970: 1_796_083_200)
    static let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let key = "prefix//templates/a b.yaml"

    func send(
        _ response: AWSHTTPResponse, environment: [String: String] = [:], method: String = "HEAD",
        query: [(name: String, value: String?)] = []
    ) async throws -> (RecordingTransport, Result<Int, any Error>) {
        let transport = RecordingTransport(response)
        let client = AWSClient(
            transport: transport, endpoints: try EndpointResolver(environment: environment),
            retry: RetryConfiguration(mode: .standard, maxAttempts: 1), logger: Logger(label: "test"), clock: { Self.date })
        let context = AWSCallContext(region: "eu-west-1", credentials: StaticCredentialProvider(Self.credentials))
        do {
            let length = try await client.rest(.headObject, service: .s3, context: context) { endpoint in
                endpoint.isConfigured
                    ? AWSRESTRequest(method: method, path: AWSRESTRequest.path(["my-bucket", Self.key]), query: query)
                    : AWSRESTRequest(method: method, hostPrefix: "my-bucket.", path: AWSRESTRequest.path([Self.key]), query: query)
            } decode: { response in
                Int(response.header("Content-Length") ?? "") ?? -1
            }
            return (transport, .success(length))
        } catch {
            return (transport, .failure(error))
        }
    }

    static let found = AWSHTTPResponse(statusCode: 200, headers: [(name: "Content-Length", value: "5242880")], body: [])

    @Test func addressesTheBucketInTheHostAndKeepsTheKeyAsWritten() async throws {
        let (transport, result) = try await send(Self.found)
        #expect(try result.get() == 5_242_880)
        let request = try #require(transport.requests.first)
        #expect(request.method == "HEAD")
        #expect(request.url == "https://my-bucket.s3.eu-west-1.amazonaws.com/prefix//templates/a%20b.yaml")
        #expect(request.header("x-amz-content-sha256") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(request.header("Authorization")?.contains("/eu-west-1/s3/aws4_request") == true)
    }

    /// The signature is S3's: the canonical URI is the path as sent (no `//` collapsed, nothing encoded twice).
    @Test func signsThePathAsSent() async throws {
        let (transport, _) = try await send(Self.found)
        let request = try #require(transport.requests.first)
        var expected = SigV4Request(
            method: "HEAD", path: "/prefix//templates/a%20b.yaml",
            headers: [SigV4Header(name: "Host", value: "my-bucket.s3.eu-west-1.amazonaws.com")], payload: .bytes([]))
        SigV4Signer(
            credentials: SigV4Credentials(accessKeyId: Self.credentials.accessKeyId, secretAccessKey: Self.credentials.secretAccessKey),
            region: "eu-west-1", service: "s3"
        ).sign(&expected, date: Self.date, options: SigV4Options(normalizePath: false, encodePath: false, addContentSHA256Header: true))
        let authorization = expected.headers.first { $0.name == "Authorization" }?.value
        #expect(request.header("Authorization") == authorization)
        var normalised = expected
        normalised.headers.removeAll { ["Authorization", "X-Amz-Date", "x-amz-content-sha256"].contains($0.name) }
        SigV4Signer(
            credentials: SigV4Credentials(accessKeyId: Self.credentials.accessKeyId, secretAccessKey: Self.credentials.secretAccessKey),
            region: "eu-west-1", service: "s3"
        ).sign(&normalised, date: Self.date, options: SigV4Options(addContentSHA256Header: true))
        #expect(request.header("Authorization") != normalised.headers.first { $0.name == "Authorization" }?.value)
    }

    /// With an endpoint URL (an emulator), the bucket goes in the path below the URL's own path.
    @Test func addressesTheBucketInThePathBelowAnEndpointURL() async throws {
        let (transport, _) = try await send(
            Self.found, environment: ["AWS_ENDPOINT_URL_S3": "http://127.0.0.1:4566/gateway"], method: "GET",
            query: [(name: "location", value: nil), (name: "a b", value: "c/d")])
        let request = try #require(transport.requests.first)
        #expect(request.url == "http://127.0.0.1:4566/gateway/my-bucket/prefix//templates/a%20b.yaml?location&a%20b=c%2Fd")
    }

    @Test func mapsAnErrorDocument() async throws {
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>k</Key>\
            <RequestId>4442587FB7D0A2F9</RequestId></Error>
            """
        let (_, result) = try await send(AWSHTTPResponse(statusCode: 404, headers: [], body: Array(body.utf8)))
        let error = try #require(result.failure as? AWSServiceError)
        #expect(error.code == "NoSuchKey")
        #expect(error.message == "The specified key does not exist.")
        #expect(error.requestId == "4442587FB7D0A2F9")
    }

    /// HEAD answers carry no body: the status names the error, and a redirect says where the bucket is.
    @Test(arguments: [(404, "NotFound"), (403, "Forbidden"), (301, "PermanentRedirect")])
    func mapsABodilessAnswerByItsStatus(status: Int, code: String) async throws {
        let headers = [(name: "x-amz-request-id", value: "R1"), (name: "x-amz-bucket-region", value: "us-west-2")]
        let (_, result) = try await send(AWSHTTPResponse(statusCode: status, headers: headers, body: []))
        let error = try #require(result.failure as? AWSServiceError)
        #expect(error.code == code)
        #expect(error.message == "\(code) (the bucket is in us-west-2)")
        #expect(error.requestId == "R1")
        #expect(error.isAccessDenied == (status == 403))
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
