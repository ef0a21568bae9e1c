@testable import AWSSigV4
import Foundation
import Testing

@Suite("Signer")
struct SigV4SignerTests {
    private let date = Date(timeIntervalSince1970: 1_440_938_160)
    private let credentials = SigV4Credentials(
        accessKeyId: "AKIDEXAMPLE",
        secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    )

    private func formRequest() -> SigV4Request {
        SigV4Request(
            method: "POST",
            headers: [
                SigV4Header(name: "Host", value: "sts.amazonaws.com"),
                SigV4Header(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8"),
            ],
            payload: .bytes(Array("Action=GetCallerIdentity&Version=2011-06-15".utf8))
        )
    }

    private func header(_ name: String, in request: SigV4Request) -> [String] {
        request.headers.filter { $0.name.lowercased() == name }.map(\.value)
    }

    @Test func signsTheAWSDocumentationExample() {
        var request = SigV4Request(
            method: "GET",
            query: "Action=ListUsers&Version=2010-05-08",
            headers: [
                SigV4Header(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8"),
                SigV4Header(name: "Host", value: "iam.amazonaws.com"),
            ]
        )
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "iam")
        let steps = signer.signReturningSteps(&request, date: date, options: .init())
        #expect(steps.signature == "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
        #expect(steps.authorization == """
        AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, \
        SignedHeaders=content-type;host;x-amz-date, \
        Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7
        """)
    }

    @Test func resigningReplacesTheSigningHeaders() {
        let signer = SigV4Signer(
            credentials: SigV4Credentials(accessKeyId: "AKID", secretAccessKey: "secret", sessionToken: "token"),
            region: "us-east-1",
            service: "sts"
        )
        var once = formRequest()
        signer.sign(&once, date: date, options: SigV4Options(addContentSHA256Header: true))
        var twice = once
        signer.sign(&twice, date: date, options: SigV4Options(addContentSHA256Header: true))
        #expect(twice == once)
        #expect(header("authorization", in: twice).count == 1)
        #expect(header("x-amz-security-token", in: twice) == ["token"])
    }

    @Test func hashesThePayload() {
        let body = Array("Action=GetCallerIdentity&Version=2011-06-15".utf8)
        let bodyHash = "ab821ae955788b0e33ebd34c208442ccfc2d406e2edc5e7a39bd6458fbb4f843"
        #expect(SigV4Signer.payloadHash(.bytes(body)) == bodyHash)
        #expect(SigV4Signer.payloadHash(.bytes([])) == SigV4Signer.payloadHash(.empty))
        #expect(SigV4Signer.payloadHash(.empty) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SigV4Signer.payloadHash(.precomputedHash("abc")) == "abc")
        #expect(SigV4Signer.payloadHash(.unsigned) == "UNSIGNED-PAYLOAD")
    }

    @Test func precomputedHashSignsLikeTheBytes() {
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "sts")
        var withBytes = formRequest()
        signer.sign(&withBytes, date: date)
        var withHash = formRequest()
        withHash.payload = .precomputedHash(SigV4Signer.payloadHash(formRequest().payload))
        signer.sign(&withHash, date: date)
        #expect(withHash.headers == withBytes.headers)
    }

    @Test func unsignedPayloadGoesIntoTheContentHeader() {
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "s3")
        var request = formRequest()
        request.payload = .unsigned
        let options = SigV4Options(normalizePath: false, encodePath: false, addContentSHA256Header: true)
        let steps = signer.signReturningSteps(&request, date: date, options: options)
        #expect(header("x-amz-content-sha256", in: request) == ["UNSIGNED-PAYLOAD"])
        #expect(steps.canonicalRequest.hasSuffix("\nUNSIGNED-PAYLOAD"))
        #expect(steps.canonicalRequest.contains("x-amz-content-sha256:UNSIGNED-PAYLOAD\n"))
    }

    @Test func userAgentIsNotSigned() {
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "sts")
        var plain = formRequest()
        signer.sign(&plain, date: date)
        var withAgent = formRequest()
        withAgent.headers.append(SigV4Header(name: "User-Agent", value: "preflight/1.0"))
        signer.sign(&withAgent, date: date)
        #expect(header("authorization", in: withAgent) == header("authorization", in: plain))
    }

    @Test func sessionTokenCanBeLeftUnsigned() {
        let signer = SigV4Signer(
            credentials: SigV4Credentials(accessKeyId: "AKID", secretAccessKey: "secret", sessionToken: "token"),
            region: "us-east-1",
            service: "sts"
        )
        var request = formRequest()
        signer.sign(&request, date: date, options: SigV4Options(omitSessionTokenFromSignature: true))
        #expect(header("x-amz-security-token", in: request) == ["token"])
        let authorization = header("authorization", in: request).first ?? ""
        #expect(authorization.contains("SignedHeaders=content-type;host;x-amz-date,"))
    }

    @Test func signsConcurrentlyWithOneSigner() async {
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "sts")
        var reference = formRequest()
        signer.sign(&reference, date: date)
        let date = date
        let request = formRequest()
        let results = await withTaskGroup(of: [SigV4Header].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var copy = request
                    signer.sign(&copy, date: date)
                    return copy.headers
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0 == reference.headers })
    }

    @Test func credentialDescriptionsHideSecrets() {
        let secret = SigV4Credentials(accessKeyId: "AKID", secretAccessKey: "s3cr3t", sessionToken: "t0k3n")
        let signer = SigV4Signer(credentials: secret, region: "us-east-1", service: "sts")
        var request = formRequest()
        signer.sign(&request, date: date)
        var dumped = ""
        dump(signer, to: &dumped)
        #expect(!dumped.contains("HMAC"))
        #expect(!dumped.contains("SigningKey"))
        for text in [String(describing: secret), String(reflecting: secret), String(describing: signer), dumped] {
            #expect(text.contains("AKID"))
            #expect(!text.contains("s3cr3t"))
            #expect(!text.contains("t0k3n"))
        }
    }
}
