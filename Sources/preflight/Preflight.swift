import ArgumentParser

/// The `preflight` command.
@main
struct Preflight: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preflight",
        abstract: "Audit an AWS Organization for the Trend Cloud One Workload Security SSM deployment.",
        discussion: """
            Before deployment, `preflight check --phase pre` says whether the stack can be created and which running
            EC2 instances it will cover. After deployment, `preflight check --phase post` verifies the StackSet, the SSM
            parameters and association in every targeted account and region, and the agent's coverage.

            Exit codes: 0 pass, 1 at least one failure, 2 bad usage or input, 3 incomplete (no failure, but some
            checks could not be evaluated).
            """,
        version: "0.1.0",
        subcommands: [CheckCommand.self, RulesCommand.self]
    )
}
