import Foundation
import PreflightEngine
import PreflightReports
import Testing

/// How fast a large report is encoded: run with `PREFLIGHT_MEASURE_JSON=1` on a release build
/// (`swift build -c release --build-tests`, then `swift test -c release --skip-build --filter JSONReportThroughput`).
@Suite struct JSONReportThroughputTests {
    static let resultCount = 200_000

    /// A post report of `resultCount` results shaped as the checks write them.
    static func syntheticReport() -> AuditReport {
        let statuses: [CheckStatus] = [.pass, .fail, .warn, .error, .skip]
        let results = (0..<resultCount).map { index in
            let account = String(format: "%012d", 100_000_000_000 + index % 1_000)
            return CheckResult(
                ruleId: "rule-\(index % 40)", title: "Rule \(index % 40) holds", status: statuses[index % 5],
                severity: index % 3 == 0 ? .warn : .fail, accountId: account, region: "eu-west-\(index % 3 + 1)",
                resource: "arn:aws:iam::\(account):role/preflight/Role-\(index)",
                message: "The role \"Role-\(index)\" in \(account) is \\ not what the deployment expects\n(line two)",
                evidence: [
                    "action": "ssm:SendCommand", "allowed": .bool(index % 2 == 0), "count": .number(Double(index)),
                    "ratio": .number(Double(index) / 7), "missing": .null,
                    "statements": .array([["effect": "Allow", "resources": ["arn:aws:ssm:*:*:document/AWS-RunShellScript"]]]),
                ],
                remediation: index % 2 == 0 ? "Grant ssm:SendCommand to the role." : nil)
        }
        return AuditReport(
            tool: .init(name: "preflight", version: "0.1.0"), phase: .post, startedAt: Date(timeIntervalSince1970: 1_767_225_600),
            finishedAt: Date(timeIntervalSince1970: 1_767_225_900), caller: .init(accountId: "111111111111", arn: "arn:aws:iam::111111111111:role/a"),
            organization: .init(id: "o-abcdefghij", managementAccountId: "111111111111"), results: results,
            coverage: .init(totals: .init(), instances: []))
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["PREFLIGHT_MEASURE_JSON"] != nil))
    func measureEncoding() throws {
        let report = Self.syntheticReport()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-measure-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("report.json").path
        let clock = ContinuousClock()
        var inMemory = Duration.zero, toFile = Duration.zero, size = 0
        for _ in 0..<3 {
            var data = Data()
            let memoryTime = try clock.measure { data = try report.jsonData() }
            let fileTime = try clock.measure { try JSONReportFile.write(report, to: path) }
            inMemory = inMemory == .zero ? memoryTime : min(inMemory, memoryTime)
            toFile = toFile == .zero ? fileTime : min(toFile, fileTime)
            size = data.count
        }
        let megabytes = Double(size) / 1_000_000
        for (name, duration) in [("jsonData()", inMemory), ("JSONReportFile.write", toFile)] {
            let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            print("\(name): \(Self.resultCount) results, \(String(format: "%.1f", megabytes)) MB in "
                + "\(String(format: "%.3f", seconds)) s = \(String(format: "%.1f", megabytes / seconds)) MB/s")
        }
        #expect(FileManager.default.contents(atPath: path)?.count == size + 1)
    }
}
