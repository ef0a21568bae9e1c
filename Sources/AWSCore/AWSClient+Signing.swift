import AWSSigV4
import Foundation

extension AWSClient {
    /// Builds the signed HTTP request of one attempt: `shape` below the endpoint's URL, with its host prefix.
    func signedRequest(
        service: AWSServiceDescription, endpoint: AWSEndpoint, credentials: AWSCredentials?, shape: AWSRESTRequest
    ) -> AWSHTTPRequest {
        var components = URLComponents(url: endpoint.url, resolvingAgainstBaseURL: false) ?? URLComponents()
        var host = endpoint.host
        if let prefix = shape.hostPrefix {
            host = prefix + host
            components.host = prefix + (components.host ?? "")
        }
        var basePath = components.percentEncodedPath
        if basePath.hasSuffix("/") { basePath.removeLast() }
        components.percentEncodedPath = basePath + shape.path
        let query = shape.queryString
        components.percentEncodedQuery = query.isEmpty ? nil : query
        var request = SigV4Request(
            method: shape.method, path: components.percentEncodedPath, query: query,
            headers: [SigV4Header(name: "Host", value: host)] + shape.headers.map { SigV4Header(name: $0.name, value: $0.value) },
            payload: .bytes(shape.body))
        if let credentials {
            let signer = signers.signer(
                credentials: SigV4Credentials(
                    accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey,
                    sessionToken: credentials.sessionToken),
                region: endpoint.signingRegion, service: service.signingName)
            signer.sign(&request, date: clock(), options: service.pathSigning.options)
        }
        return AWSHTTPRequest(
            method: shape.method, url: components.url?.absoluteString ?? endpoint.url.absoluteString,
            headers: request.headers.filter { $0.name != "Host" }.map { (name: $0.name, value: $0.value) }
                + [(name: "User-Agent", value: ToolVersion.userAgent)],
            body: shape.body)
    }
}

extension AWSServiceDescription.PathSigning {
    /// The signer's options for this kind of path.
    var options: SigV4Options {
        switch self {
        case .standard: SigV4Options()
        case .s3: SigV4Options(normalizePath: false, encodePath: false, addContentSHA256Header: true)
        }
    }
}
