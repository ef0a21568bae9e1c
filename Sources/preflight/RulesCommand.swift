import ArgumentParser
import PreflightEngine

/// `preflight rules`: list and explain the rules.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules or explain one.",
        subcommands: [List.self, Explain.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every rule with its severity, phases and kind.",
            discussion: "Example: preflight rules list --rules ./rules")

        @OptionGroup var rules: RulesOptions

        func run() throws {
            let set = try Exit.guarding { try rules.load() }
            let idWidth = (set.rules.map(\.id.count).max() ?? 2) + 2
            var out = "ID".padding(toLength: idWidth, withPad: " ", startingAt: 0) + "SEVERITY  PHASES    TITLE\n"
            for rule in set.rules {
                out += rule.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
                    + rule.severity.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + rule.phases.map(\.rawValue).joined(separator: ",").padding(toLength: 10, withPad: " ", startingAt: 0)
                    + rule.title + "\n"
            }
            print(out, terminator: "")
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Explain what a rule checks, why it matters and how to fix it.",
            discussion: "Example: preflight rules explain deployer-permissions")

        @Argument(help: "The rule id.") var id: String
        @OptionGroup var rules: RulesOptions

        func run() throws {
            let set = try Exit.guarding { try rules.load() }
            guard let rule = set.rule(id: id) else {
                throw Exit.input("unknown rule '\(id)' (see `preflight rules list`)")
            }
            var out = "\(rule.id): \(rule.title)\n"
            out += "severity: \(rule.severity.rawValue)   phases: \(rule.phases.map(\.rawValue).joined(separator: ", "))   kind: \(rule.kind)\n\n"
            out += "Why it matters\n" + indent(rule.why) + "\n"
            if let remediation = rule.remediation {
                out += "\nRemediation\n" + indent(remediation) + "\n"
            }
            print(out, terminator: "")
        }

        func indent(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        }
    }
}
