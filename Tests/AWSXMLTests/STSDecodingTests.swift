import AWSXML
import Foundation
import Testing

@Suite struct STSDecodingTests {
    let decoder = AWSXMLDecoder()

    @Test func getCallerIdentity() throws {
        let identity = try decoder.decode(
            CallerIdentity.self, from: try Fixture.bytes("sts-get-caller-identity"),
            resultPath: ["GetCallerIdentityResult"]
        )
        #expect(identity == CallerIdentity(
            arn: "arn:aws:sts::123456789012:assumed-role/PreflightAudit/preflight-session",
            userId: "AROA3XFRBF535PLBIFPI4:preflight-session",
            account: "123456789012"
        ))
    }

    @Test func assumeRoleCredentialsWithExpiration() throws {
        let result = try decoder.decode(
            AssumeRoleResult.self, from: try Fixture.bytes("sts-assume-role"), resultPath: ["AssumeRoleResult"]
        )
        #expect(result.credentials.accessKeyId == "ASIAIOSFODNN7EXAMPLE")
        #expect(result.credentials.secretAccessKey == "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY")
        #expect(result.credentials.sessionToken.hasPrefix("AQoDYXdzEPT//////////wEXAMPLE"))
        #expect(result.credentials.sessionToken.hasSuffix("oLxBA=="))
        #expect(result.credentials.expiration == utc(2019, 11, 9, 13, 34, 41))
        #expect(result.assumedRoleUser.arn == "arn:aws:sts::123456789012:assumed-role/demo/John")
        #expect(result.assumedRoleUser.assumedRoleId == "ARO123EXAMPLE123:John")
        #expect(result.packedPolicySize == 6)
        #expect(result.sourceIdentity == "DevUser123")
    }

    @Test func missingResultPathNamesTheElement() throws {
        let error = try #require(throws: AWSXMLError.self) {
            try decoder.decode(
                CallerIdentity.self, from: try Fixture.bytes("sts-get-caller-identity"),
                resultPath: ["AssumeRoleResult"]
            )
        }
        #expect(error.kind == .missingElement)
        #expect(error.path == "AssumeRoleResult")
        #expect(error.description.contains("GetCallerIdentityResponse"))
    }
}

private struct CallerIdentity: Decodable, Equatable {
    let arn: String
    let userId: String
    let account: String

    enum CodingKeys: String, CodingKey {
        case arn = "Arn"
        case userId = "UserId"
        case account = "Account"
    }
}

private struct AssumeRoleResult: Decodable {
    struct Credentials: Decodable {
        let accessKeyId: String
        let secretAccessKey: String
        let sessionToken: String
        let expiration: Date

        enum CodingKeys: String, CodingKey {
            case accessKeyId = "AccessKeyId"
            case secretAccessKey = "SecretAccessKey"
            case sessionToken = "SessionToken"
            case expiration = "Expiration"
        }
    }

    struct AssumedRoleUser: Decodable {
        let arn: String
        let assumedRoleId: String

        enum CodingKeys: String, CodingKey {
            case arn = "Arn"
            case assumedRoleId = "AssumedRoleId"
        }
    }

    let credentials: Credentials
    let assumedRoleUser: AssumedRoleUser
    let packedPolicySize: Int?
    let sourceIdentity: String?

    enum CodingKeys: String, CodingKey {
        case credentials = "Credentials"
        case assumedRoleUser = "AssumedRoleUser"
        case packedPolicySize = "PackedPolicySize"
        case sourceIdentity = "SourceIdentity"
    }
}
