/// What each stage of one signing produced, for tests and diagnostics.
struct SigningSteps: Sendable, Equatable {
    let canonicalRequestBytes: [UInt8]
    let stringToSign: String
    let signature: String
    let authorization: String

    var canonicalRequest: String {
        String(decoding: canonicalRequestBytes, as: UTF8.self)
    }
}
