import AWSCore
import ArgumentParser
import Foundation
import NIOCore

/// The `preflight` command.
@main
struct Preflight: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preflight",
        abstract: "Audit an AWS Organization for the Trend Cloud One Workload Security SSM deployment.",
        discussion: """
            Before deployment, `preflight check --phase pre` says whether the stack can be created and which running \
            EC2 instances it will cover. After deployment, `preflight check --phase post` verifies the StackSet, the SSM \
            parameters and association in every targeted account and region, and the agent's coverage.

            Exit codes: 0 pass, 1 at least one failure, 2 bad usage or input, 3 incomplete (no failure, but some \
            checks could not be evaluated).

            Examples:
              preflight check --phase pre --profile org-admin --parameters params.json
              preflight check --phase post --profile org-admin --output-dir report
              preflight rules explain deployer-permissions --action iam:CreateRole
              preflight report merge shard-1.json shard-2.json --html all.html
            """,
        version: ToolVersion.current,
        subcommands: [CheckCommand.self, RulesCommand.self, ReportCommand.self]
    )
}

extension Preflight {
    /// Parses and runs the command; usage errors exit with 2 (not the parser's 64), as documented.
    static func main() async {
        NIOSingletons.groupLoopCountSuggestion = AWSSession.eventLoopThreads
        do {
            var command = try parseAsRoot(CloudOneOptions.completingSecretOption(Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                exit(withError: Exit.badInput)
            }
            exit(withError: error)
        }
    }
}
