import Foundation
import Testing

/// `preflight report convert` and `merge` through the command line, on the report fixture of PreflightReportsTests.
@Suite struct ReportCommandTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("PreflightReportsTests/Fixtures/report.json")

    func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func convertWritesEveryFormat() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try CLIRunner.run(["report", "convert", Self.fixture.path, "--output-dir", directory.path])
        #expect(output.status == 0)
        for name in ["report.json", "report.junit.xml", "report.sarif", "report.md", "report.html", "report.asff.json", "report.ocsf.json"] {
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            #expect(!data.isEmpty, "\(name)")
        }
        let html = try String(contentsOf: directory.appendingPathComponent("report.html"), encoding: .utf8)
        // Self-contained: no script, stylesheet, image or font to load; the only URL is the SVG namespace, and the
        // content security policy forbids loading anything else.
        for tag in ["<script", "<link", "<img", "<iframe", "<object", "<embed", "url("] {
            #expect(!html.lowercased().contains(tag), "report.html has \(tag)")
        }
        // No tag loads anything (the fixture's hostile `<img src=…>` is text, escaped), and links stay within the page.
        #expect(html.range(of: #"<[^>]*\s(src|srcset)\s*="#, options: [.regularExpression, .caseInsensitive]) == nil)
        #expect(html.range(of: #"<[^>]*\shref\s*=\s*["']?[^#"'\s]"#, options: [.regularExpression, .caseInsensitive]) == nil)
        let urls = html.matches(of: /(?i)(https?:)?\/\/[^"'\s<>)]+/).map { String($0.output.0) }
        #expect(Set(urls) == ["http://www.w3.org/2000/svg"], "\(urls)")
        #expect(html.contains(#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">"#))
    }

    @Test func convertToStdout() throws {
        let output = try CLIRunner.run(["report", "convert", Self.fixture.path, "--markdown", "-"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("| "))
    }

    /// Security Hub findings to stdout, OCSF events to a file readable by its owner only.
    @Test func convertToASFFAndOCSF() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ocsf = directory.appendingPathComponent("events.json")
        let output = try CLIRunner.run(["report", "convert", Self.fixture.path, "--asff", "-", "--ocsf", ocsf.path])
        #expect(output.status == 0, "\(output.stderr)")
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy {
            $0["ProductArn"] as? String == "arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default"
        })
        #expect(findings.contains { $0["AwsAccountName"] as? String == "web-prod" })
        let events = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: ocsf)) as? [[String: Any]])
        #expect(events.allSatisfy { $0["class_uid"] as? Int == 2003 })
        let mode = try FileManager.default.attributesOfItem(atPath: ocsf.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func twoReportsOnStdoutAreBadInput() throws {
        for flags in [["--asff", "-", "--ocsf", "-"], ["--sarif", "-", "--asff", "-"], ["--json", "-", "--ocsf", "-"]] {
            let output = try CLIRunner.run(["report", "convert", Self.fixture.path] + flags)
            #expect(output.status == 2, "\(flags)")
            #expect(output.stderr.contains("can be '-' (stdout)") || output.stderr.contains("to stdout ('-')"), "\(flags): \(output.stderr)")
            #expect(output.stdout.isEmpty, "\(flags)")
        }
    }

    /// The merged report keeps each result's and instance's account name and OU path, and the home region.
    @Test func mergeKeepsAccountNamesOUPathsAndTheHomeRegion() throws {
        let output = try CLIRunner.run(["report", "merge", Self.fixture.path, Self.fixture.path, "--json", "-"])
        #expect(output.status == 0, "\(output.stderr)")
        let merged = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(merged["homeRegion"] as? String == "us-east-1")
        let results = try #require(merged["results"] as? [[String: Any]])
        let web = results.filter { $0["accountId"] as? String == "258261131921" }
        #expect(!web.isEmpty && web.allSatisfy { $0["accountName"] as? String == "web-prod" && $0["ouPath"] as? String == "Production/Web" })
        let instances = try #require((merged["coverage"] as? [String: Any])?["instances"] as? [[String: Any]])
        #expect(instances.allSatisfy { $0["accountName"] is String && $0["ouPath"] is String })
    }

    @Test func mergeOfShardsKeepsEveryResultOnce() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let merged = directory.appendingPathComponent("merged.json")
        let output = try CLIRunner.run(["report", "merge", Self.fixture.path, Self.fixture.path, "--json", merged.path])
        #expect(output.status == 0)
        let original = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixture)) as? [String: Any]
        let result = try JSONSerialization.jsonObject(with: Data(contentsOf: merged)) as? [String: Any]
        #expect((result?["results"] as? [Any])?.count == (original?["results"] as? [Any])?.count)
        #expect((result?["summary"] as? [String: Int]) == (original?["summary"] as? [String: Int]))
    }

    @Test func mergingDifferentPhasesIsBadInput() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = try String(contentsOf: Self.fixture, encoding: .utf8)
        let pre = directory.appendingPathComponent("pre.json")
        try text.replacingOccurrences(of: "\"phase\" : \"post\"", with: "\"phase\" : \"pre\"").write(to: pre, atomically: true, encoding: .utf8)
        let output = try CLIRunner.run(["report", "merge", Self.fixture.path, pre.path, "--json", "-"])
        #expect(output.status == 2)
        #expect(output.stderr.split(separator: "\n").count == 1)
    }

    @Test func missingReportIsBadInput() throws {
        let output = try CLIRunner.run(["report", "convert", "/nonexistent/report.json", "--html", "-"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("/nonexistent/report.json"))
    }
}
