import Foundation
import PreflightEngine
import Testing

@testable import PreflightReports

/// The streamed JSON report is byte for byte what `JSONEncoder` writes, in memory and in a file.
@Suite struct JSONReportFileTests {
    /// `JSONEncoder` as the report was encoded before it was streamed.
    static func encoderData(_ report: AuditReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(report)
    }

    /// Every field set or left out, empty containers, escapes, non-ASCII text and numbers of every shape.
    static func hostileReport() -> AuditReport {
        let evidence: [String: JSONValue] = [
            "text": "quote \" backslash \\ slash / newline \n tab \t return \r nul \u{0} bell \u{7} esc \u{1b} del \u{7f}",
            "unicode": "é ü 漢字 😀 \u{2028}", "empty": "", "null": .null, "yes": true, "no": false,
            "numbers": .array([0, 1, -1, 0.5, 0.1, 93.75, 1e20, 1e-7, -0.0, 1e15, 1e16, 123_456_789.125, 33.333333333333336]
                .map(JSONValue.number)),
            "nested": ["list": [[], [:], ["a": [1, "two", .null]]], "object": [:]], "Zebra": 1, "apple": 2, "a_b": 3,
        ]
        let results = [
            CheckResult(
                ruleId: "rule-a", title: "Title with \"quotes\"", status: .fail, severity: .fail, accountId: "111111111111",
                region: "eu-west-1", resource: "i-0123456789abcdef0", message: "line one\nline two", evidence: evidence,
                remediation: "fix it / now"),
            CheckResult(ruleId: "rule-b", title: "Bare", status: .pass, severity: .warn, message: "ok"),
        ]
        let instances = [
            InstanceCoverage(accountId: "111111111111", region: "us-east-1", instanceId: "i-1", verdict: .covered, reason: nil),
            InstanceCoverage(
                accountId: "222222222222", region: "eu-west-1", instanceId: "i-2", verdict: .uncovered, reason: .pingLost),
        ]
        return AuditReport(
            tool: .init(name: "preflight", version: "0.1.0"), phase: .post,
            startedAt: Date(timeIntervalSince1970: 1_767_225_600.999), finishedAt: Date(timeIntervalSince1970: 1_767_225_661.5),
            caller: .init(accountId: "111111111111", arn: "arn:aws:iam::111111111111:role/a/b", principalArn: nil),
            organization: .init(), results: results, coverage: .init(totals: CoverageTotals(instances), instances: instances))
    }

    @Test func matchesJSONEncoder() throws {
        for report in [Self.hostileReport(), try Fixture.report(), try Fixture.baseline()] {
            #expect(try report.jsonData() == (try Self.encoderData(report)))
        }
    }

    @Test func emptyReportMatchesJSONEncoder() throws {
        let report = AuditReport(
            tool: .init(name: "", version: ""), phase: .pre, startedAt: Date(timeIntervalSince1970: 0),
            finishedAt: Date(timeIntervalSince1970: 0), caller: .init(), organization: .init(), results: [],
            coverage: .init(totals: .init(), instances: []))
        #expect(try report.jsonData() == (try Self.encoderData(report)))
    }

    @Test func nonFiniteNumbersAreRefused() {
        var report = Self.hostileReport()
        report.results[0].evidence["bad"] = .number(.nan)
        #expect(throws: EncodingError.self) { try report.jsonData() }
    }

    /// Writes `report` to a file in a new folder: the file holds `jsonData()` and a newline, and nothing else is left.
    static func expectWrittenAtomically(_ report: AuditReport) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("report.json").path
        try JSONReportFile.write(report, to: path)
        #expect(FileManager.default.contents(atPath: path) == (try report.jsonData()) + Data("\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.json"])
    }

    @Test func writesTheFileAtomically() throws {
        var report = Self.hostileReport()
        report.results += Array(repeating: report.results[0], count: 2_000)
        try Self.expectWrittenAtomically(report)
    }

    @Test func aLargeReportsResultsEncodedOnAnotherThreadAreSplicedInPlace() throws {
        var report = Self.hostileReport()
        report.results = (0..<JSONReportFile.spillThreshold + 1).map { index in
            var result = report.results[index % 2]
            result.message += " \(index)"
            return result
        }
        try Self.expectWrittenAtomically(report)
    }

    @Test func anUnwritablePathIsAWriteError() throws {
        let path = "/nonexistent-\(UUID().uuidString)/report.json"
        #expect(throws: JSONReportFile.WriteError(path: path)) { try JSONReportFile.write(Self.hostileReport(), to: path) }
    }
}
