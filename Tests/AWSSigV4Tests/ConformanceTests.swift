@testable import AWSSigV4
import Testing

@Suite("AWS SigV4 test suite")
struct ConformanceTests {
    @Test func suiteIsComplete() {
        #expect(ConformanceCase.allNames.count == 38)
    }

    @Test(arguments: ConformanceCase.allNames)
    func signsLikeAWS(caseName: String) throws {
        let testCase = try ConformanceCase(name: caseName)
        var request = testCase.sigV4Request
        let steps = testCase.signer.signReturningSteps(&request, date: try testCase.date, options: testCase.options)

        #expect(steps.canonicalRequest == testCase.canonicalRequest)
        #expect(steps.stringToSign == testCase.stringToSign)
        #expect(steps.signature == testCase.signature)

        let expectedAuthorization = testCase.signedRequest.headers.last { $0.name == "Authorization" }?.value
        #expect(steps.authorization == expectedAuthorization)
        #expect(request.method == testCase.signedRequest.method)
        #expect(request.headers == testCase.signedRequest.headers)
    }

    @Test(arguments: ConformanceCase.allNames)
    func publicSignAddsTheSameHeaders(caseName: String) throws {
        let testCase = try ConformanceCase(name: caseName)
        var request = testCase.sigV4Request
        testCase.signer.sign(&request, date: try testCase.date, options: testCase.options)
        #expect(request.headers == testCase.signedRequest.headers)
    }

    @Test func parsesMultilineAndRepeatedHeaders() throws {
        let multiline = try ConformanceCase(name: "get-header-value-multiline")
        #expect(multiline.request.headers.last == SigV4Header(name: "My-Header1", value: "value1 value2 value3"))
        let duplicate = try ConformanceCase(name: "get-header-key-duplicate")
        #expect(duplicate.request.headers.map(\.value) == ["example.amazonaws.com", "value2", "value2", "value1"])
    }

    @Test func parsesRequestLinesWithSpacesAndUTF8() throws {
        let space = try ConformanceCase(name: "get-space-normalized")
        #expect(space.request.path == "/example space/")
        #expect(space.request.version == "HTTP/1.1")
        let utf8 = try ConformanceCase(name: "get-vanilla-utf8-query")
        #expect(utf8.request.path == "/")
        #expect(utf8.request.query == "\u{1234}=bar")
    }

    @Test func parsesBody() throws {
        let form = try ConformanceCase(name: "post-x-www-form-urlencoded")
        #expect(form.request.body == Array("Param1=value1".utf8))
        #expect(form.signedRequest.body == Array("Param1=value1".utf8))
    }

    @Test func rejectsMalformedRequests() {
        #expect(throws: RawHTTPRequestError.self) { try RawHTTPRequest(parsing: Array("GET\n".utf8)) }
        #expect(throws: RawHTTPRequestError.self) {
            try RawHTTPRequest(parsing: Array("GET / HTTP/1.1\n  folded\n".utf8))
        }
        #expect(throws: RawHTTPRequestError.self) { try RawHTTPRequest(parsing: Array("GET / HTTP/1.1\nHost\n".utf8)) }
    }
}
