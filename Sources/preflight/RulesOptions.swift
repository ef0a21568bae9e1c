import ArgumentParser
import Foundation
import PreflightEngine

/// Where the rules come from.
struct RulesOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("Directory of rule files.", valueName: "dir"))
    var rulesDirectory: String?

    /// The rules directory: `--rules` or `PREFLIGHT_RULES`, else the installed rules beside the executable
    /// (`../share/preflight/rules`) or, for a build in the repository, the repository's `rules/`. A `rules/` of the
    /// working directory is never read unless `--rules` names it: a checked-out repository must not change what
    /// Preflight checks, or which values it treats as secret.
    func directory() -> URL {
        if let rulesDirectory { return URL(fileURLWithPath: rulesDirectory) }
        if let environment = ProcessInfo.processInfo.environment["PREFLIGHT_RULES"] {
            return URL(fileURLWithPath: environment)
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let candidates = [
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
