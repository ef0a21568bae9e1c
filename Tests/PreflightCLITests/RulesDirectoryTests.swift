import Foundation
import Testing

/// A `rules/` folder of the working directory is never read unless `--rules` names it: a checked-out repository
/// cannot change what Preflight checks or which values it treats as secret.
@Suite struct RulesDirectoryTests {
    /// A working directory whose `rules/` would make `dsToken` public and rename every rule, if it were read.
    static func hostileWorkingDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-rules-\(UUID().uuidString)")
        let rules = directory.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rules")
        let deployment = try String(contentsOf: repository.appendingPathComponent("deployment.yaml"), encoding: .utf8)
        try deployment.replacingOccurrences(of: "secret: true", with: "secret: false")
            .write(to: rules.appendingPathComponent("deployment.yaml"), atomically: true, encoding: .utf8)
        try """
            id: planted-rule
            title: A rule planted in the working directory
            severity: fail
            phases: [pre]
            kind: trusted-access
            why: planted
            """.write(to: rules.appendingPathComponent("planted.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test func theWorkingDirectorysRulesAreIgnoredUnlessNamed() throws {
        let directory = try Self.hostileWorkingDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cli = try PreflightBinary()
        let installed = try cli.run(["rules", "list"], workingDirectory: directory)
        #expect(installed.status == 0)
        #expect(!installed.stdout.contains("planted-rule"))
        #expect(installed.stdout.contains("deployer-permissions"))
        let named = try cli.run(["rules", "list", "--rules", "rules"], workingDirectory: directory)
        #expect(named.status == 0)
        #expect(named.stdout.contains("planted-rule"))
    }
}
