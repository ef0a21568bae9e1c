import AWSSigV4
import Foundation

extension AWSClient {
    /// Builds the signed HTTP request of one attempt.
    func signedRequest(
        service: AWSServiceDescription, endpoint: AWSEndpoint, credentials: AWSCredentials?,
        headers: [(name: String, value: String)], body: [UInt8]
    ) -> AWSHTTPRequest {
        var request = SigV4Request(
            method: "POST", path: "/", query: "",
            headers: [SigV4Header(name: "Host", value: endpoint.host)]
                + headers.map { SigV4Header(name: $0.name, value: $0.value) },
            payload: .bytes(body))
        if let credentials {
            let signer = signers.signer(
                credentials: SigV4Credentials(
                    accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey,
                    sessionToken: credentials.sessionToken),
                region: endpoint.signingRegion, service: service.signingName)
            signer.sign(&request, date: clock())
        }
        return AWSHTTPRequest(
            method: "POST", url: endpoint.url.absoluteString,
            headers: request.headers.filter { $0.name != "Host" }.map { (name: $0.name, value: $0.value) }
                + [(name: "User-Agent", value: ToolVersion.userAgent)],
            body: body)
    }
}
