@testable import AWSSigV4
import Testing

@Suite("Signing key")
struct SigningKeyTests {
    private let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

    @Test func derivesTheAWSDocumentationExample() {
        let key = SigV4SigningKey(secretAccessKey: secret, dateStamp: "20120215", region: "us-east-1", service: "iam")
        #expect(Hex.encode(key.bytes) == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    @Test func derivesTheSignatureCalculationExample() {
        let key = SigV4SigningKey(secretAccessKey: secret, dateStamp: "20150830", region: "us-east-1", service: "iam")
        #expect(Hex.encode(key.bytes) == "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9")
    }

    @Test func signerCachesTheKeyPerDate() {
        let signer = SigV4Signer(
            credentials: SigV4Credentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: secret),
            region: "us-east-1",
            service: "iam"
        )
        let copy = signer
        let first = signer.signingKey(dateStamp: "20120215")
        #expect(copy.signingKey(dateStamp: "20120215") == first)
        #expect(Hex.encode(first.bytes) == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
        let nextDay = signer.signingKey(dateStamp: "20120216")
        #expect(nextDay != first)
        let expected = SigV4SigningKey(
            secretAccessKey: secret,
            dateStamp: "20120216",
            region: "us-east-1",
            service: "iam"
        )
        #expect(nextDay == expected)
        #expect(signer.signingKey(dateStamp: "20120215") == first)
    }

    @Test func keyDescriptionsHideTheKey() {
        let key = SigV4SigningKey(secretAccessKey: secret, dateStamp: "20120215", region: "us-east-1", service: "iam")
        var dumped = ""
        dump(key, to: &dumped)
        for text in [String(describing: key), String(reflecting: key), dumped] {
            #expect(!text.contains("244"))
            #expect(text.contains("SigV4SigningKey"))
        }
    }
}
