import AWSXML
import Foundation
import Testing

@Suite struct ErrorDocumentTests {
    let decoder = AWSXMLDecoder()

    @Test func queryProtocolErrorResponse() throws {
        let error = try #require(decoder.decodeErrorDocument(from: try Fixture.bytes("iam-error")))
        #expect(error.code == "AccessDenied")
        #expect(error.message?.hasPrefix("User: arn:aws:iam::123456789012:user/auditor is not authorized") == true)
        #expect(error.requestId == "4c1f3d2e-1111-2222-3333-444455556666")
    }

    @Test func ec2ErrorResponse() throws {
        let error = try #require(decoder.decodeErrorDocument(from: try Fixture.bytes("ec2-error")))
        #expect(error.code == "UnauthorizedOperation")
        #expect(error.message == "You are not authorized to perform this operation.")
        #expect(error.requestId == "ee6a1bb1-2c4d-4e55-9f3a-0123456789ab")
    }

    @Test func motoStyleErrorsWrapperWithRequestId() throws {
        let xml = """
            <Response><Errors><Error><Code>NoSuchEntity</Code><Message>Role Admin not found</Message></Error></Errors>\
            <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></Response>
            """
        let error = try #require(decoder.decodeErrorDocument(from: Array(xml.utf8)))
        #expect(error.code == "NoSuchEntity")
        #expect(error.message == "Role Admin not found")
        #expect(error.requestId == "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE")
    }

    @Test func bareErrorRootWithoutMessage() throws {
        let xml = "<Error><Code>Throttling</Code><RequestId>r-1</RequestId></Error>"
        let error = try #require(decoder.decodeErrorDocument(from: Data(xml.utf8)))
        #expect(error.code == "Throttling")
        #expect(error.message == nil)
        #expect(error.requestId == "r-1")
    }

    @Test(arguments: [
        "<GetCallerIdentityResponse><GetCallerIdentityResult/></GetCallerIdentityResponse>",
        "<ErrorResponse><Error><Message>no code</Message></Error></ErrorResponse>",
        "<ErrorResponse><Error><Code></Code></Error></ErrorResponse>",
        "<ErrorResponse><Error><Code>Truncated",
        "{\"__type\": \"AccessDenied\"}",
        "",
    ])
    func notAnErrorDocument(_ body: String) {
        #expect(decoder.decodeErrorDocument(from: Array(body.utf8)) == nil)
    }

    @Test func successfulFixtureIsNotAnError() throws {
        #expect(decoder.decodeErrorDocument(from: try Fixture.bytes("sts-get-caller-identity")) == nil)
    }
}
