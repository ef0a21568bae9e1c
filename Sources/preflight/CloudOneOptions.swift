import ArgumentParser
import CloudOne
import Foundation
import PreflightEngine

/// How to reach Trend Cloud One Workload Security; without a key its rules are skipped.
struct CloudOneOptions: ParsableArguments {
    /// The environment variable holding the API key.
    static let keyVariable = "CLOUDONE_API_KEY"

    @Option(
        name: .customLong("cloudone-api-key-file"),
        help: ArgumentHelp("Read the Cloud One API key from this file (default: CLOUDONE_API_KEY).", valueName: "file"))
    var apiKeyFile: String?

    @Option(
        name: .customLong(secretOption.dropFirst(2).description),
        help: ArgumentHelp(
            "Read the API key from this Secrets Manager secret (no ARN: the deployment's CloudOneApiKeySecret).",
            valueName: "arn"))
    var apiKeySecret: String?

    /// The option whose ARN may be left out.
    static let secretOption = "--cloudone-api-key-secret"

    /// `arguments` with an empty ARN after a `--cloudone-api-key-secret` that has none (it is last, or an option
    /// follows), which means the deployment's secret.
    static func completingSecretOption(_ arguments: [String]) -> [String] {
        var completed: [String] = []
        for (index, argument) in arguments.enumerated() {
            completed.append(argument)
            if argument == "--" { return completed + arguments[(index + 1)...] }
            let next = arguments.indices.contains(index + 1) ? arguments[index + 1] : nil
            if argument == secretOption, next.map({ $0.hasPrefix("-") }) ?? true { completed.append("") }
        }
        return completed
    }

    @Option(
        name: .customLong("cloudone-region"),
        help: ArgumentHelp("The Cloud One region (default: the deployment's CloudOneRegionEndpoint).", valueName: "region"))
    var region: String?

    @Option(
        name: .customLong("agent-stale"),
        help: ArgumentHelp("An agent silent for longer is offline (s, m, h or d).", valueName: "duration"))
    var agentStale = "24h"

    func validate() throws {
        if apiKeyFile != nil && apiKeySecret != nil {
            throw ValidationError("--cloudone-api-key-file and --cloudone-api-key-secret cannot be given together")
        }
        if let region, CloudOneRegion(rawValue: region.lowercased()) == nil {
            throw ValidationError("--cloudone-region: '\(region)' is not a Cloud One region (us-1, de-1, jp-1, …)")
        }
        if Self.duration(agentStale) == nil {
            throw ValidationError("--agent-stale: '\(agentStale)' is not a duration (for example 30m, 24h, 2d)")
        }
    }

    /// The engine's settings; reads the key file or `CLOUDONE_API_KEY`.
    func settings(environment: [String: String]) throws -> WorkloadSecurityOptions {
        var options = WorkloadSecurityOptions(
            region: region.flatMap { CloudOneRegion(rawValue: $0.lowercased()) },
            agentStale: Self.duration(agentStale) ?? Defaults.agentStale, environment: environment)
        if let arn = apiKeySecret {
            options.key = .secret(arn: arn.isEmpty ? nil : arn)
        } else if let apiKeyFile {
            guard let data = FileManager.default.contents(atPath: apiKeyFile) else {
                throw InputError("\(apiKeyFile): cannot read the Cloud One API key file")
            }
            guard let key = CloudOneAPIKey(String(decoding: data, as: UTF8.self)) else {
                throw InputError("\(apiKeyFile): the file holds no API key (it is empty or has several lines)")
            }
            options.key = .key(key)
        } else if let value = environment[Self.keyVariable], !value.isEmpty {
            guard let key = CloudOneAPIKey(value) else {
                throw InputError("\(Self.keyVariable): the variable holds no API key (it is blank or has several lines)")
            }
            options.key = .key(key)
        }
        do {
            _ = try CloudOneEndpoint.overrideBaseURL(environment: environment)
        } catch {
            throw InputError(error.description)
        }
        return options
    }

    /// `text` as a duration: a positive whole number followed by `s`, `m`, `h` or `d`.
    static func duration(_ text: String) -> Duration? {
        guard let unit = text.last, let count = Int(text.dropLast()), count > 0 else { return nil }
        let seconds: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let scale = seconds[unit] else { return nil }
        return .seconds(count * scale)
    }
}
