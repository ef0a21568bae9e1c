import AWSSigV4
import Foundation

/// One directory of the AWS SigV4 test suite in `Fixtures/v4`.
struct ConformanceCase {
    struct Context: Decodable {
        struct Credentials: Decodable {
            let accessKeyId: String
            let secretAccessKey: String
            let token: String?
        }

        let credentials: Credentials
        let normalize: Bool
        let region: String
        let service: String
        let signBody: Bool
        let timestamp: String
        let omitSessionToken: Bool?
    }

    let name: String
    let context: Context
    let request: RawHTTPRequest
    let canonicalRequest: String
    let stringToSign: String
    let signature: String
    let signedRequest: RawHTTPRequest

    static let directory: URL = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/v4", isDirectory: true)

    /// The case directory names, sorted.
    static var allNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    init(name: String) throws {
        self.name = name
        let folder = Self.directory.appendingPathComponent(name, isDirectory: true)
        func bytes(_ file: String) throws -> [UInt8] {
            Array(try Data(contentsOf: folder.appendingPathComponent(file)))
        }
        func text(_ file: String) throws -> String {
            String(decoding: try bytes(file), as: UTF8.self)
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        context = try decoder.decode(Context.self, from: Data(try bytes("context.json")))
        request = try RawHTTPRequest(parsing: try bytes("request.txt"))
        canonicalRequest = try text("header-canonical-request.txt")
        stringToSign = try text("header-string-to-sign.txt")
        signature = try text("header-signature.txt")
        signedRequest = try RawHTTPRequest(parsing: try bytes("header-signed-request.txt"))
    }

    var signer: SigV4Signer {
        SigV4Signer(
            credentials: SigV4Credentials(
                accessKeyId: context.credentials.accessKeyId,
                secretAccessKey: context.credentials.secretAccessKey,
                sessionToken: context.credentials.token
            ),
            region: context.region,
            service: context.service
        )
    }

    var options: SigV4Options {
        SigV4Options(
            normalizePath: context.normalize,
            addContentSHA256Header: context.signBody,
            omitSessionTokenFromSignature: context.omitSessionToken ?? false
        )
    }

    var date: Date {
        get throws {
            try Date(context.timestamp, strategy: .iso8601)
        }
    }

    var sigV4Request: SigV4Request {
        SigV4Request(
            method: request.method,
            path: request.path,
            query: request.query,
            headers: request.headers,
            payload: request.body.isEmpty ? .empty : .bytes(request.body)
        )
    }
}
