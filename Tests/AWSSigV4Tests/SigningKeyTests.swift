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

    /// The derivation chain of the documentation example (20120215, us-east-1, iam): kDate, kRegion, kService and
    /// the signing key, in hex.
    private let derivedKeys = [
        "969fbb94feb542b71ede6f87fe4d5fa29c789342b0f407474670f0c2489e0a0d",
        "69daa0209cd9c5ff5c8ced464a696fd4252e981430b10e3d3fd8e2f197d7a70c",
        "f72cfd46f26bc4643f06a11eabb6c0ba18780c19a8da0c31ace671265e3c87fa",
        "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d",
    ]

    /// Every way the key, the signer holding it and its credentials print: description, debugDescription, dump.
    private func printed(_ values: [Any]) -> [String] {
        values.flatMap { value -> [String] in
            var dumped = ""
            dump(value, to: &dumped)
            return [String(describing: value), String(reflecting: value), dumped]
        }
    }

    @Test func keyDescriptionsHideTheSecretAndEveryDerivedKey() {
        let key = SigV4SigningKey(secretAccessKey: secret, dateStamp: "20120215", region: "us-east-1", service: "iam")
        #expect(Hex.encode(key.bytes) == derivedKeys.last)
        let credentials = SigV4Credentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: secret, sessionToken: "session-token-secret")
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "iam")
        #expect(signer.signingKey(dateStamp: "20120215") == key, "the signer holds the key while it prints")
        let bytes = key.bytes.map(Int.init)
        for text in printed([key, signer, credentials]) {
            #expect(!text.contains(secret))
            #expect(!text.contains("session-token-secret"))
            for derived in derivedKeys {
                #expect(!text.lowercased().contains(derived), "\(text)")
            }
            // The key's bytes printed as decimals, in any layout (an array, a dump's lines): no run of four of them.
            let numbers = text.split { !$0.isNumber }.compactMap { Int($0) }
            for start in 0...(bytes.count - 4) {
                let run = Array(bytes[start..<start + 4])
                #expect(!numbers.indices.dropLast(3).contains { Array(numbers[$0..<$0 + 4]) == run }, "\(text)")
            }
        }
        for text in printed([key]) {
            #expect(text.contains("SigV4SigningKey"))
        }
    }
}
