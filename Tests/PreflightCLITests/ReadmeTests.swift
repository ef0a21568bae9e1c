import EmulatorSupport
import Foundation
import Testing

/// Every command of the README's shell examples runs: the `preflight` ones here, against the deployed sample
/// organization, in order (a later example reads what an earlier one wrote); the scripts through `scripts/test`,
/// which CI runs.
@Suite(.serialized) struct ReadmeTests {
    /// The README's example account ids, played by the deployed sample organization's accounts.
    static let exampleAccounts = ["111111111111": "web-prod", "222222222222": "app-prod", "333333333333": "dev", "444444444444": "sandbox"]
    /// Flags whose value is a file or directory the command writes.
    static let outputFlags: Set<String> = ["--json", "--junit", "--sarif", "--markdown", "--html", "--asff", "--ocsf", "--output-dir"]

    /// The commands of the README's `sh` blocks, comments and blank lines left out.
    static func commands() throws -> [String] {
        let readme = try String(contentsOf: EmulatorProcess.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var commands: [String] = []
        var inShell = false
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inShell = !inShell && line == "```sh"
                continue
            }
            let command = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if inShell, !command.isEmpty { commands.append(command) }
        }
        return commands
    }

    /// A command line split into words, quotes removed and `$HOME` expanded (the README's commands need no more).
    static func words(_ command: String, home: String) -> [String] {
        command.split(separator: " ").map { $0.replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: "$HOME", with: home) }
    }

    @Test func theScriptsAreRunByTheTestCommandOrCI() throws {
        let root = EmulatorProcess.repositoryRoot
        let exercised = try ["scripts/test", ".ci/run"].map { try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8) }
            .joined(separator: "\n")
        let scripts = try Self.commands().filter { !$0.hasPrefix("preflight ") }
        #expect(scripts.count >= 3, "\(scripts)")
        for command in scripts {
            let words = Self.words(command, home: "~")
            let script = words.first == "bash" ? words[1] : words[0]
            #expect(FileManager.default.isExecutableFile(atPath: root.appendingPathComponent(script).path), "\(script)")
            #expect(script == ".ci/run" || exercised.contains(script), "README runs \(script), which neither scripts/test nor .ci/run runs")
        }
    }

    @Test func everyPreflightCommandRuns() throws {
        let emulator = try EmulatorProcess()
        let ids = try emulator.load(scenario: "Tests/Emulator/scenarios/sample-org-deployed.yaml")
        let accounts = try #require((try JSONSerialization.jsonObject(with: ids) as? [String: Any])?["accounts"] as? [String: String])
        let cli = try PreflightBinary(endpoint: emulator.endpoint)
        let work = cli.file("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        _ = try cli.write("aws-config", "[profile org-admin]\nregion = us-east-1\n")
        _ = try cli.write(
            "aws-credentials", "[org-admin]\naws_access_key_id = AKIAPREFLIGHTREADME1\naws_secret_access_key = readme-secret\n")
        let parameters = try cli.sampleParameters(scenarioIds: ids)
        try FileManager.default.copyItem(atPath: parameters, toPath: work.appendingPathComponent("params.json").path)
        // The baseline the README's `--baseline pre.json` compares with: an earlier pre-deployment report.
        let baseline = try cli.run(["check", "--phase", "pre", "--regions", "us-east-1", "--json", "pre.json", "--quiet"], workingDirectory: work)
        #expect([0, 1, 3].contains(baseline.status), "\(baseline.stderr)")

        let commands = try Self.commands().filter { $0.hasPrefix("preflight ") }
        #expect(commands.count >= 8, "\(commands)")
        for command in commands {
            var arguments = Array(Self.words(command, home: cli.directory.path).dropFirst())
            arguments = arguments.map { word in
                word.split(separator: ",").map { Self.exampleAccounts[String($0)].flatMap { accounts[$0] } ?? String($0) }
                    .joined(separator: ",")
            }
            // Every enabled region of the emulator would only make the run slower, not different.
            if arguments.first == "check", !arguments.contains("--regions") { arguments += ["--regions", "us-east-1,eu-west-1"] }
            let run = try cli.run(arguments, workingDirectory: work)
            let expected: Set<Int32> = arguments.first == "check" ? [0, 1, 3] : [0]
            #expect(expected.contains(run.status), "`\(command)` exited \(run.status): \(run.stderr)")
            #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Stack dump"), "`\(command)`: \(run.stderr)")
            for (flag, value) in zip(arguments, arguments.dropFirst()) where Self.outputFlags.contains(flag) && value != "-" {
                let path = work.appendingPathComponent(value).path
                var isDirectory: ObjCBool = false
                #expect(FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), "`\(command)` did not write \(value)")
                if isDirectory.boolValue {
                    #expect((try? FileManager.default.contentsOfDirectory(atPath: path).count) == 7, "`\(command)`: \(value)")
                }
            }
            if let merged = try? JSONSerialization.jsonObject(with: Data(contentsOf: work.appendingPathComponent("all.json"))) as? [String: Any],
                command.contains("report merge")
            {
                let results = merged["results"] as? [[String: Any]] ?? []
                let merged = Set(results.compactMap { $0["accountId"] as? String })
                #expect(merged.isSuperset(of: ["web-prod", "app-prod", "dev"].compactMap { accounts[$0] }), "\(merged)")
            }
        }
    }
}
