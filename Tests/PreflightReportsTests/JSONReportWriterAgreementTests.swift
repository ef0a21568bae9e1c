import Foundation
import PreflightEngine
import Testing

@testable import PreflightReports

/// The streaming JSON writer agrees byte for byte with `JSONEncoder` on a report with every optional field set, in
/// memory and in a file (with and without the results spill): a field added to the report's types and not to the
/// writer fails here (and `ReportSchemaFieldsTests` fails when the schema does not list it).
@Suite struct JSONReportWriterAgreementTests {
    static func encoderData(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(value)
    }

    @Test func aReportWithEveryOptionalFieldMatchesJSONEncoderInMemoryAndInAFile() throws {
        for report in [FullReport.make(), FullReport.make(results: JSONReportFile.spillThreshold + 3)] {
            let expected = try Self.encoderData(report)
            #expect(try report.jsonData() == expected)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-full-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("report.json").path
            try JSONReportFile.write(report, to: path)
            #expect(FileManager.default.contents(atPath: path) == expected + Data("\n".utf8))
        }
    }

    @Test func theToolsRulesDirectoryIsEncodedOnlyWhenSet() throws {
        var report = FullReport.make()
        #expect(String(decoding: try report.jsonData(), as: UTF8.self).contains(#""rulesDirectory" : "/etc/preflight/rules""#))
        report.tool.rulesDirectory = nil
        #expect(!String(decoding: try report.jsonData(), as: UTF8.self).contains("rulesDirectory"))
        #expect(try AuditReport.decode(from: try FullReport.make().jsonData()) == FullReport.make())
    }
}
