import Foundation
import PreflightEngine
import PreflightReports
import Testing

/// The fixed reports of `Fixtures/` and the golden files the renderers are compared with.
enum Fixture {
    /// The repository's root, from this file's location.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Fixtures/` in the source tree, where `PREFLIGHT_UPDATE_GOLDEN=1` writes golden files.
    static let sourceDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The copy of `Fixtures/` in the test bundle.
    static var directory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    }

    static func url(_ name: String) -> URL {
        directory.appendingPathComponent(name)
    }

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: url(name))
    }

    /// A post-deployment report of the sample organization, plus results with hostile text, fixed timestamps.
    static func report() throws -> AuditReport {
        try AuditReport.decode(from: data("report.json"))
    }

    /// The pre-deployment report of the same organization, the baseline of `report()`.
    static func baseline() throws -> AuditReport {
        try AuditReport.decode(from: data("baseline.json"))
    }

    /// The descriptions of the rules of `rules/` as the CLI makes them, frozen in `rules.json`.
    static func rules() throws -> [RuleDescription] {
        struct Entry: Decodable {
            var id: String
            var title: String
            var severity: Severity
            var why: String?
            var remediation: String?
            var source: String?
        }
        return try JSONDecoder().decode([Entry].self, from: data("rules.json")).map {
            RuleDescription(id: $0.id, title: $0.title, severity: $0.severity, why: $0.why, remediation: $0.remediation, source: $0.source)
        }
    }

    /// What `expectGolden` does in an environment.
    enum GoldenMode: Equatable {
        /// Compares with the golden file.
        case compare
        /// Rewrites the golden file (`PREFLIGHT_UPDATE_GOLDEN=1`).
        case update
        /// `PREFLIGHT_UPDATE_GOLDEN=1` with `CI` set: a failure, and the comparison is made anyway.
        case refuseUpdate
    }

    /// The mode `environment` asks for: `CI` set to anything non-empty refuses updates.
    static func goldenMode(_ environment: [String: String]) -> GoldenMode {
        guard environment["PREFLIGHT_UPDATE_GOLDEN"] == "1" else { return .compare }
        return environment["CI", default: ""].isEmpty ? .update : .refuseUpdate
    }

    /// Compares `actual` with the golden file `name`; with `PREFLIGHT_UPDATE_GOLDEN=1` rewrites it instead, except
    /// in CI, where that is a failure.
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        switch goldenMode(ProcessInfo.processInfo.environment) {
        case .update:
            let target = sourceDirectory.appendingPathComponent("golden").appendingPathComponent(name)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: target)
            return
        case .refuseUpdate:
            Issue.record(
                "PREFLIGHT_UPDATE_GOLDEN=1 with CI set: golden files are never rewritten in CI, \(name) is compared",
                sourceLocation: sourceLocation)
        case .compare:
            break
        }
        let expected = String(decoding: try data("golden/\(name)"), as: UTF8.self)
        if actual != expected {
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = Array(zip(actualLines, expectedLines)).firstIndex { $0.0 != $0.1 } ?? min(actualLines.count, expectedLines.count)
            Issue.record(
                """
                \(name) differs from the golden file at line \(line + 1) (regenerate with PREFLIGHT_UPDATE_GOLDEN=1):
                expected: \(line < expectedLines.count ? String(expectedLines[line]) : "<end>")
                actual:   \(line < actualLines.count ? String(actualLines[line]) : "<end>")
                """, sourceLocation: sourceLocation)
        }
    }

    /// A temporary file holding `data`, removed by the caller.
    static func temporaryFile(_ data: Data, extension ext: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-\(UUID().uuidString).\(ext)")
        try data.write(to: url)
        return url
    }
}
