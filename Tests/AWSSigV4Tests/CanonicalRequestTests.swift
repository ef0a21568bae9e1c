@testable import AWSSigV4
import Testing

@Suite("Canonical request stages")
struct CanonicalRequestTests {
    @Test(arguments: [
        ("/", "/"),
        ("//", "/"),
        ("/a/b/../c", "/a/c"),
        ("/a/./b/", "/a/b/"),
        ("/a/b/..", "/a/"),
        ("/a/b/.", "/a/b/"),
        ("/../a", "/a"),
        ("//example//", "/example/"),
        ("/a//b", "/a/b"),
        ("/a/b/../../..", "/"),
    ])
    func normalisesPaths(path: String, expected: String) {
        #expect(CanonicalRequest.normalizedPath(path) == expected)
    }

    @Test func encodesPathSegments() {
        #expect(CanonicalRequest.uri(path: "", normalize: true, encode: true) == "/")
        #expect(CanonicalRequest.uri(path: "/example space/", normalize: true, encode: true) == "/example%20space/")
        #expect(CanonicalRequest.uri(path: "/a%20b", normalize: true, encode: true) == "/a%2520b")
        #expect(CanonicalRequest.uri(path: "/a%20b", normalize: false, encode: false) == "/a%20b")
        #expect(CanonicalRequest.uri(path: "/a/../b", normalize: false, encode: true) == "/a/../b")
        #expect(CanonicalRequest.uri(path: "/\u{1234}", normalize: true, encode: true) == "/%E1%88%B4")
    }

    @Test(arguments: [
        ("", ""),
        ("b=2&a=1&a=0", "a=0&a=1&b=2"),
        ("flag", "flag="),
        ("a=b c", "a=b%20c"),
        ("k=%2f", "k=%2F"),
        ("k=a+b", "k=a%2Bb"),
        ("k=%zz", "k=%25zz"),
        ("&&a=1&", "a=1"),
        ("a=1&_=2&B=3", "B=3&_=2&a=1"),
        ("k=a=b", "k=a%3Db"),
        ("\u{1234}=bar", "%E1%88%B4=bar"),
    ])
    func canonicalisesQueries(raw: String, expected: String) {
        #expect(CanonicalRequest.query(raw) == expected)
    }

    @Test func canonicalisesHeaders() {
        let headers = [
            SigV4Header(name: "Host", value: "example.amazonaws.com"),
            SigV4Header(name: "X-B", value: "  two   words\t "),
            SigV4Header(name: "x-a", value: "first"),
            SigV4Header(name: "X-A", value: "second"),
            SigV4Header(name: "User-Agent", value: "test"),
            SigV4Header(name: "X-Amz-Security-Token", value: "token"),
        ]
        var canonical: [UInt8] = []
        let signed = CanonicalRequest.appendHeaders(headers, omitSessionToken: false, to: &canonical)
        #expect(String(decoding: canonical, as: UTF8.self) == """
        host:example.amazonaws.com
        x-a:first,second
        x-amz-security-token:token
        x-b:two words

        """)
        #expect(signed == "host;x-a;x-amz-security-token;x-b")
        var withoutToken: [UInt8] = []
        #expect(CanonicalRequest.appendHeaders(headers, omitSessionToken: true, to: &withoutToken) == "host;x-a;x-b")
        #expect(!String(decoding: withoutToken, as: UTF8.self).contains("token"))
        var empty: [UInt8] = []
        #expect(CanonicalRequest.appendHeaders([], omitSessionToken: false, to: &empty).isEmpty)
        #expect(empty.isEmpty)
    }

    @Test(arguments: [
        ("", ""),
        ("value", "value"),
        ("a b", "a b"),
        ("  a  ", "a"),
        ("a  b", "a b"),
        ("a\t\tb", "a b"),
        ("\"a   b   c\"", "\"a b c\""),
        ("   ", ""),
        ("abcdefghij  klmnopqrstu", "abcdefghij klmnopqrstu"),
        ("abcdefghijklmnop\tqrstuvwx", "abcdefghijklmnop qrstuvwx"),
        ("abcdefg hijklmnop qrstuvw", "abcdefg hijklmnop qrstuvw"),
        ("abcdefgh\u{1}ijklmnop", "abcdefgh\u{1}ijklmnop"),
        ("\u{1234}\u{1234}\u{1234}  \u{1234}", "\u{1234}\u{1234}\u{1234} \u{1234}"),
    ])
    func trimsHeaderValues(value: String, expected: String) {
        #expect(CanonicalRequest.trimmedValue(value) == expected)
    }

    @Test func trimsLikeSplittingOnWhitespace() {
        let alphabet: [String] = ["a", "b", " ", " ", "\t", "\n", "\u{1234}", "xyzxyzxyz"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<500 {
            var value = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for _ in 0..<Int(state >> 59) * 2 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                value += alphabet[Int(state >> 61)]
            }
            let words = value.unicodeScalars.split { $0 == " " || $0 == "\t" || $0 == "\n" }
            let expected = words.map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
            #expect(CanonicalRequest.trimmedValue(value) == expected, "\(value.debugDescription)")
        }
    }

    @Test func lowercasesHeaderNames() {
        #expect(CanonicalRequest.lowercasedASCII("Content-Type") == "content-type")
        #expect(CanonicalRequest.lowercasedASCII("host") == "host")
    }

    @Test func percentEncodes() {
        #expect(SigV4PercentEncoding.encode("-._~AZaz09") == "-._~AZaz09")
        #expect(SigV4PercentEncoding.encode("a b*+/") == "a%20b%2A%2B%2F")
        #expect(SigV4PercentEncoding.encode("a/b c", encodeSlash: false) == "a/b%20c")
        #expect(SigV4PercentEncoding.encode("\u{1234}") == "%E1%88%B4")
        #expect(SigV4PercentEncoding.decode(Array("%E1%88%b4%".utf8)) == [0xE1, 0x88, 0xB4, UInt8(ascii: "%")])
    }

    @Test func hexEncodes() {
        #expect(Hex.encode([0x00, 0x0F, 0xA0, 0xFF]) == "000fa0ff")
        #expect(Hex.encode([UInt8]()) == "")
    }
}
