import AWSXML
import Foundation
import Testing

@Suite struct ScalarDecodingTests {
    let decoder = AWSXMLDecoder()

    private func value<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try decoder.decode(Box<T>.self, from: Array("<R><Value>\(text)</Value></R>".utf8)).value
    }

    private func mismatch<T: Decodable>(_ type: T.Type, _ text: String) throws -> AWSXMLError {
        try #require(throws: AWSXMLError.self) { try value(type, text) }
    }

    @Test(arguments: [
        ("2024-01-02T03:04:05Z", 1_704_164_645.0),
        ("2024-01-02T03:04:05.123Z", 1_704_164_645.123),
        ("2024-01-02T03:04:05.123456789Z", 1_704_164_645.123_456_789),
        ("2024-01-02T03:04:05.5z", 1_704_164_645.5),
        ("2024-01-02T03:04:05", 1_704_164_645.0),
        ("2024-01-02T05:04:05+02:00", 1_704_164_645.0),
        ("2024-01-01T22:34:05-0430", 1_704_164_645.0),
        ("1970-01-01T00:00:00Z", 0.0),
        ("1969-12-31T23:59:59Z", -1.0),
        ("2000-02-29T12:00:00Z", 951_825_600.0),
        ("2100-03-01T00:00:00Z", 4_107_542_400.0),
        (" 2024-01-02T03:04:05Z\n", 1_704_164_645.0),
    ])
    func iso8601Dates(_ text: String, _ seconds: Double) throws {
        let date = try value(Date.self, text)
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_001)
    }

    @Test func iso8601AgreesWithFoundation() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var sample = Date(timeIntervalSince1970: -2_000_000_000.25)
        while sample.timeIntervalSince1970 < 4_000_000_000 {
            let text = formatter.string(from: sample)
            let decoded = try value(Date.self, text)
            #expect(abs(decoded.timeIntervalSince(formatter.date(from: text)!)) < 0.000_001, "\(text)")
            sample.addTimeInterval(86_400 * 37 + 3_671.5)
        }
    }

    @Test(arguments: [
        "x", "", "2024-01-02", "2024-01-02 03:04:05Z", "2024-13-02T03:04:05Z", "2024-02-30T03:04:05Z",
        "2023-02-29T00:00:00Z", "2024-01-02T24:00:00Z", "2024-01-02T03:60:05Z", "2024-01-02T03:04:05.Z",
        "2024-01-02T03:04:05ZZ", "2024-01-02T03:04:05+2", "2024-1-02T03:04:05Z", "1704164645",
    ])
    func invalidDatesAreTypeMismatches(_ text: String) throws {
        let error = try mismatch(Date.self, text)
        #expect(error.kind == .typeMismatch)
        #expect(error.path == "Value")
        #expect(error.message.hasPrefix("expected ISO-8601 date, found"))
    }

    @Test func integers() throws {
        #expect(try value(Int.self, "42") == 42)
        #expect(try value(Int.self, " -17\n") == -17)
        #expect(try value(Int.self, "+5") == 5)
        #expect(try value(Int64.self, "9223372036854775807") == .max)
        #expect(try value(Int64.self, "-9223372036854775808") == .min)
        #expect(try value(UInt8.self, "255") == 255)
        #expect(try value(Int16.self, "-32768") == .min)
        #expect(try value(UInt64.self, "18446744073709551615") == .max)
        #expect(try value([Int32].self, "<member>1</member><member>-2</member>") == [1, -2])
    }

    @Test(arguments: ["sixteen", "", "1.5", "9223372036854775808", "1 2", "--1", "+", "0x10"])
    func invalidIntegersAreTypeMismatches(_ text: String) throws {
        let error = try mismatch(Int.self, text)
        #expect(error.kind == .typeMismatch)
        #expect(error.message.hasPrefix("expected integer, found"))
    }

    @Test func integerRangesAreChecked() throws {
        #expect(try mismatch(UInt8.self, "256").kind == .typeMismatch)
        #expect(try mismatch(UInt.self, "-1").kind == .typeMismatch)
        #expect(try mismatch(Int8.self, "-129").kind == .typeMismatch)
    }

    @Test func booleans() throws {
        #expect(try value(Bool.self, "true"))
        #expect(try !value(Bool.self, "false"))
        #expect(try value(Bool.self, " true "))
        let error = try mismatch(Bool.self, "yes")
        #expect(error.description == "Value: expected boolean (true or false), found \"yes\"")
    }

    @Test func floatingPoint() throws {
        #expect(try value(Double.self, "1.5") == 1.5)
        #expect(try value(Double.self, "-2.5e3") == -2500)
        #expect(try value(Float.self, "0.25") == 0.25)
        #expect(try value(Double.self, "Infinity") == .infinity)
        #expect(try mismatch(Double.self, "one").message == "expected number, found \"one\"")
    }

    @Test func stringsKeepWhitespaceEntitiesAndCDATA() throws {
        #expect(try value(String.self, "  padded  ") == "  padded  ")
        #expect(try value(String.self, "a &amp; b &lt;c&gt; &#x41;&#66; &quot;&apos;") == "a & b <c> AB \"'")
        #expect(try value(String.self, "<![CDATA[<raw> & ]]>tail") == "<raw> & tail")
        #expect(try value(String.self, "before<!-- comment -->after") == "beforeafter")
        #expect(try value(String.self, "caf\u{E9} \u{1F600}") == "caf\u{E9} \u{1F600}")
        #expect(try value(String.self, "") == "")
    }

    @Test func nestedElementsWhereTextIsExpected() throws {
        let error = try mismatch(String.self, "<Arn>x</Arn>")
        #expect(error.kind == .typeMismatch)
        #expect(error.description == "Value: expected text, found \"<nested elements>\"")
    }

    @Test func longFoundValuesAreShortened() throws {
        let error = try mismatch(Int.self, String(repeating: "k", count: 500))
        #expect(error.message.count < 80)
    }
}

private struct Box<T: Decodable>: Decodable {
    let value: T

    enum CodingKeys: String, CodingKey {
        case value = "Value"
    }
}
