import AWSXML
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct HostileInputTests {
    let decoder = AWSXMLDecoder()

    @Test func externalEntityIsRejected() throws {
        let error = try #require(throws: AWSXMLError.self) {
            try decoder.decode(Identity.self, from: Array(HostileDocuments.xxe.utf8), resultPath: ["Result"])
        }
        #expect(error.kind == .doctypeNotAllowed)
        #expect(!error.description.contains("root:"))
    }

    @Test func billionLaughsIsRejected() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(throws: AWSXMLError.self) {
            try decoder.decode(Identity.self, from: Array(HostileDocuments.billionLaughs.utf8), resultPath: ["Result"])
        }
        #expect(error.kind == .doctypeNotAllowed)
        #expect(clock.now - start < .seconds(1))
    }

    @Test func externalDTDIsRejected() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE Response SYSTEM "http://127.0.0.1:9/evil.dtd">
            <Response><Result><Arn>x</Arn></Result></Response>
            """
        let error = try #require(throws: AWSXMLError.self) {
            try decoder.decode(Identity.self, from: Array(xml.utf8), resultPath: ["Result"])
        }
        #expect(error.kind == .doctypeNotAllowed)
    }

    @Test func errorDocumentParserRejectsDoctype() {
        let xml = """
            <!DOCTYPE ErrorResponse [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <ErrorResponse><Error><Code>&xxe;</Code></Error></ErrorResponse>
            """
        #expect(decoder.decodeErrorDocument(from: Array(xml.utf8)) == nil)
    }

    @Test func tenThousandLevelsOfNestingAreRejected() throws {
        let xml = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
        let error = try #require(throws: AWSXMLError.self) {
            try decoder.decode(Empty.self, from: Array(xml.utf8))
        }
        #expect(error.kind == .nestingTooDeep)
        #expect(error.description.contains("256"))
    }

    @Test func nestingLimitIsExact() throws {
        let depth = AWSXMLDecoder.maximumDepth
        let accepted = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        _ = try decoder.decode(Empty.self, from: Array(accepted.utf8))
        let rejected = "<a>" + accepted + "</a>"
        let error = try #require(throws: AWSXMLError.self) {
            try decoder.decode(Empty.self, from: Array(rejected.utf8))
        }
        #expect(error.kind == .nestingTooDeep)
    }

    @Test(arguments: [
        [0xC3, 0x28],
        [0xFF, 0xFE],
        [0xE2, 0x82],
        [0xED, 0xA0, 0x80],
        [0xC0, 0x80],
    ] as [[UInt8]])
    func invalidUTF8IsRejected(_ sequence: [UInt8]) throws {
        let bytes = Array("<Response><Result><Arn>arn".utf8) + sequence + Array("</Arn></Result></Response>".utf8)
        let error = try #require(throws: AWSXMLError.self) {
            try decoder.decode(Identity.self, from: bytes, resultPath: ["Result"])
        }
        #expect(error.kind == .malformedDocument)
    }

    @Test func declaredLegacyEncodingStillRequiresUTF8() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Response><Result><Arn>caf".utf8)
            + [0xE9] + Array("</Arn></Result></Response>".utf8)
        let error = try #require(throws: AWSXMLError.self) {
            try decoder.decode(Identity.self, from: bytes, resultPath: ["Result"])
        }
        #expect(error.kind == .malformedDocument)
        #expect(error.message.contains("UTF-8"))
    }

    @Test func truncatedDocumentIsRejected() throws {
        let full = try Fixture.bytes("sts-assume-role")
        let error = try #require(throws: AWSXMLError.self) {
            try decoder.decode(Empty.self, from: full.prefix(full.count / 2), resultPath: ["AssumeRoleResult"])
        }
        #expect(error.kind == .malformedDocument)
        #expect(error.message.contains("line"))
    }

    @Test(arguments: ["", "   ", "{\"Arn\": \"x\"}", "<Response><Result></Response>", "<a></a><b></b>", "\u{0}"])
    func nonXMLIsRejected(_ body: String) throws {
        let error = try #require(throws: AWSXMLError.self) {
            try decoder.decode(Empty.self, from: Array(body.utf8))
        }
        #expect(error.kind == .malformedDocument)
    }

    @Test func undeclaredEntityIsRejected() throws {
        let xml = "<Response><Result><Arn>&xxe;</Arn></Result></Response>"
        let error = try #require(throws: AWSXMLError.self) {
            try decoder.decode(Identity.self, from: Array(xml.utf8), resultPath: ["Result"])
        }
        #expect(error.kind == .malformedDocument)
    }

    @Test func diagnosticsNeverReachStandardError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("awsxml-stderr-\(UUID()).txt").path
        let capture = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(capture >= 0)
        defer { unlink(path) }
        fflush(nil)
        let saved = dup(2)
        dup2(capture, 2)
        for document in HostileDocuments.all {
            _ = try? decoder.decode(Identity.self, from: Array(document.utf8), resultPath: ["Result"])
            _ = decoder.decodeErrorDocument(from: Array(document.utf8))
        }
        fflush(nil)
        dup2(saved, 2)
        close(saved)
        close(capture)
        // Other tests may print progress meanwhile, so look for libxml2's own "parser error : …" lines.
        let captured = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!captured.contains(" error : "))
        #expect(!captured.contains(" warning : "))
    }

    @Test func concurrentDecodesAreIndependent() async throws {
        let valid = try Fixture.bytes("sts-get-caller-identity")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<64 {
                group.addTask {
                    let decoder = AWSXMLDecoder()
                    if index % 2 == 0 {
                        let identity = try decoder.decode(Identity.self, from: valid, resultPath: ["GetCallerIdentityResult"])
                        #expect(identity.arn.hasSuffix("preflight-session"))
                    } else {
                        let document = HostileDocuments.all[index % HostileDocuments.all.count]
                        #expect(throws: AWSXMLError.self) {
                            try decoder.decode(Identity.self, from: Array(document.utf8), resultPath: ["Result"])
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}

private enum HostileDocuments {
    static let xxe = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE Response [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <Response><Result><Arn>&xxe;</Arn></Result></Response>
        """

    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
         <!ENTITY lol "lol">
         <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
         <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
         <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
         <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
         <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
         <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
         <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
         <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
         <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <Response><Result><Arn>&lol9;</Arn></Result></Response>
        """

    static let all = [
        xxe,
        billionLaughs,
        String(repeating: "<a>", count: 10_000),
        "<Response><Result><Arn>unterminated",
        "<Response><Result><Arn>&undefined;</Arn></Result></Response>",
        "<Response><Result><Arn>a</Result></Response>",
        "<?xml version=\"1.0\" encoding=\"bogus\"?><Response/>",
        "no markup at all",
    ]
}

private struct Identity: Decodable {
    let arn: String

    enum CodingKeys: String, CodingKey {
        case arn = "Arn"
    }
}

private struct Empty: Decodable {}
