import ArgumentParser
import Foundation
import PreflightEngine

/// Where the rules come from.
struct RulesOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("Directory of rule files.", valueName: "dir"))
    var rulesDirectory: String?

    /// The rules directory: `--rules`, else `rules/` beside the executable's package or the working directory.
    func directory() -> URL {
        if let rulesDirectory { return URL(fileURLWithPath: rulesDirectory) }
        if let environment = ProcessInfo.processInfo.environment["PREFLIGHT_RULES"] {
            return URL(fileURLWithPath: environment)
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let candidates = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("rules"),
            executable.deletingLastPathComponent().appendingPathComponent("../share/preflight/rules"),
            executable.deletingLastPathComponent().appendingPathComponent("../../../rules"),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent(RuleLoader.deploymentFile).path) }
            ?? candidates[0]
    }

    func load() throws -> RuleSet {
        do {
            return try RuleLoader().loadRuleSet(directory: directory())
        } catch let error as RuleLoadError {
            throw InputError(error.description)
        }
    }
}
