import ArgumentParser
import Foundation
import PreflightEngine

/// `preflight rules`: list and explain the rules.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules or explain one.",
        discussion: """
            Rules are the YAML files of the rules directory (--rules, PREFLIGHT_RULES, or the one installed with \
            preflight); see rules/README.md for their format.

            Examples:
              preflight rules list
              preflight rules explain ssm-agent
              preflight rules explain lambda-permissions --action kms:Decrypt
              preflight rules list --rules ./my-rules
            """,
        subcommands: [List.self, Explain.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every rule with its severity, phases and kind.",
            discussion: """
                Examples:
                  preflight rules list
                  preflight rules list --rules ./my-rules
                """)

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
            discussion: """
                For a permission rule, prints the IAM policy statements the checked principal needs; --action \
                narrows them to the one statement that grants a missing action. Also lists what Preflight itself \
                calls for the rule (see rules/iam/ for its complete policies).

                Examples:
                  preflight rules explain deployer-permissions
                  preflight rules explain deployer-permissions --action iam:CreateRole
                  preflight rules explain agent-coverage --rules ./rules
                """)

        @Argument(help: "The rule id.") var id: String
        @Option(help: "Only the policy statement that grants this action (e.g. cloudformation:CreateStackSet).")
        var action: String?
        @OptionGroup var rules: RulesOptions

        func run() throws {
            let set = try Exit.guarding { try rules.load() }
            guard let rule = set.rule(id: id) else {
                throw Exit.input("unknown rule '\(id)' (see `preflight rules list`)")
            }
            var permissions = rule.requiredPermissions
            if let action {
                permissions = permissions.filter { $0.action.caseInsensitiveCompare(action) == .orderedSame }
                guard !permissions.isEmpty else {
                    let known = rule.requiredPermissions.isEmpty
                        ? "it evaluates no principal's permissions"
                        : "it checks \(rule.requiredPermissions.map(\.action).joined(separator: ", "))"
                    throw Exit.input("--action: rule '\(rule.id)' does not check \(action) (\(known))")
                }
            }
            print(Self.explanation(of: rule, permissions: permissions), terminator: "")
        }

        static func explanation(of rule: Rule, permissions: [Permission]) -> String {
            var out = "\(rule.id): \(rule.title)\n"
            out += "severity: \(rule.severity.rawValue)   phases: \(rule.phases.map(\.rawValue).joined(separator: ", "))"
                + "   kind: \(rule.kind)   file: \(rule.source)\n\n"
            out += "What it checks\n" + indent(rule.summary) + "\n"
            out += "\nWhy it matters\n" + indent(rule.why) + "\n"
            if !rule.causes.isEmpty {
                out += "\nCauses it names (every one that applies, in this order; the first is the reason)\n"
                for cause in rule.causes {
                    out += indent("\(cause.rawValue): \(cause.summary)") + "\n"
                }
            }
            if let remediation = rule.remediation {
                out += "\nRemediation\n" + indent(remediation) + "\n"
            }
            if !permissions.isEmpty {
                let statements = PolicyStatement.grouping(permissions)
                out += "\nIAM policy to add for a missing permission\n"
                out += indent(
                    "${…} are the deployment's parameters (${AWS::Partition}: aws, aws-cn or aws-us-gov). An SCP or a "
                        + "permissions boundary that denies the action must allow it too.")
                    + "\n"
                out += indent(statements.count == 1 && permissions.count == 1 ? statements[0].json : PolicyStatement.document(statements))
                    + "\n"
            }
            out += "\nWhat Preflight calls for this rule\n"
            for scope in [AuditorPermission.Scope.management, .member] {
                let actions = rule.auditorPermissions.filter { $0.scope == scope }.map(\.action)
                let label = scope == .management ? "management account" : "member accounts (assumed role)"
                out += indent("\(label): \(actions.isEmpty ? "-" : actions.joined(separator: ", "))") + "\n"
            }
            out += "  every run also reads the organization, the regions and the instances: rules/iam/*.json\n"
            return out
        }

        /// `text` indented by two spaces, its lines longer than `width` wrapped at spaces.
        static func indent(_ text: String, width: Int = 116) -> String {
            var lines: [String] = []
            for line in text.trimmingCharacters(in: .newlines).split(separator: "\n", omittingEmptySubsequences: false) {
                guard line.count > width else {
                    lines.append(String(line))
                    continue
                }
                var current = ""
                for word in line.split(separator: " ", omittingEmptySubsequences: false) {
                    if !current.isEmpty, current.count + 1 + word.count > width {
                        lines.append(current)
                        current = String(word)
                    } else {
                        current += current.isEmpty ? String(word) : " " + word
                    }
                }
                lines.append(current)
            }
            return lines.map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
        }
    }
}
