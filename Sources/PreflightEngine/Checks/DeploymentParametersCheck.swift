import Foundation

/// `deployment-parameters`: the stack's parameters are valid before CloudFormation is asked to use them.
struct DeploymentParametersCheck: CheckKind {
    struct Configuration: Decodable, Sendable {
        /// Cloud One region ids, e.g. `us-1`.
        var cloudOneRegions: [String]
        var secretArnPattern: String
        var kmsKeyArnPattern: String
    }

    static let name = "deployment-parameters"
    static let summary =
        "The --parameters file: the Cloud One region, the API key secret's ARN, the KMS key's ARN and the "
        + "admin status are well formed."
    static let auditorPermissions: [AuditorPermission] = []
    let configuration: Configuration

    init(configuration: Configuration) {
        self.configuration = configuration
    }

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let parameters = context.options.parameters
        guard let file = parameters.file else {
            return [rule.result(.skip, "no --parameters file given: the template's defaults are assumed (AccountAdminStatus SELF)")]
        }
        var results: [CheckResult] = []
        func report(_ key: String, _ problem: String?, passMessage: String) {
            let line = parameters.values[key]?.line
            var evidence: [String: JSONValue] = ["parameter": .string(key), "file": .string(file)]
            if let line { evidence["line"] = .number(Double(line)) }
            if let problem {
                results.append(rule.finding("\(file)\(line.map { ":\($0)" } ?? ""): \(key) \(problem)", resource: key, evidence: evidence))
            } else {
                results.append(rule.result(.pass, passMessage, resource: key, evidence: evidence))
            }
        }
        let status = parameters.accountAdminStatus
        report(
            "AccountAdminStatus", ["SELF", "DELEGATED_ADMIN"].contains(status) ? nil : "must be SELF or DELEGATED_ADMIN, not '\(status)'",
            passMessage: "AccountAdminStatus is \(status)")
        let cron = parameters["CronJob"] ?? context.options.deployment.association.defaultSchedule
        report(
            "CronJob", ScheduleExpression.problem(in: cron).map { "is not a valid SSM schedule: \($0)" },
            passMessage: "CronJob '\(cron)' is a valid SSM schedule")
        if let endpoint = parameters["CloudOneRegionEndpoint"] {
            let region = Self.cloudOneRegion(endpoint)
            report(
                "CloudOneRegionEndpoint",
                region.map { configuration.cloudOneRegions.contains($0) } == true
                    ? nil : "'\(endpoint)' is not a known Cloud One region (\(configuration.cloudOneRegions.joined(separator: ", ")))",
                passMessage: "Cloud One region \(region ?? endpoint) is known")
        } else {
            report("CloudOneRegionEndpoint", "is missing", passMessage: "")
        }
        if let secret = parameters["CloudOneApiKeySecret"] {
            report(
                "CloudOneApiKeySecret",
                secret.range(of: configuration.secretArnPattern, options: .regularExpression) == nil
                    ? "is not a Secrets Manager secret ARN" : nil,
                passMessage: "CloudOneApiKeySecret is a well-formed secret ARN")
        } else if let key = parameters["CloudOneAPIKey"] {
            report("CloudOneAPIKey", key.isEmpty ? "is empty" : nil, passMessage: "CloudOneAPIKey is set (value not shown)")
        } else {
            report("CloudOneApiKeySecret", "is missing (give CloudOneApiKeySecret or CloudOneAPIKey)", passMessage: "")
        }
        if let key = parameters["TrendKeyArn"] {
            report(
                "TrendKeyArn",
                key.range(of: configuration.kmsKeyArnPattern, options: .regularExpression) == nil ? "is not a KMS key ARN" : nil,
                passMessage: "TrendKeyArn is a well-formed KMS key ARN")
        }
        return results
    }

    /// `us-1` from `us-1` or from `https://workload.us-1.cloudone.trendmicro.com/...`.
    static func cloudOneRegion(_ endpoint: String) -> String? {
        let trimmed = endpoint.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed.range(of: #"^[a-z]+(-[a-z]+)?-[0-9]+$"#, options: .regularExpression) != nil { return trimmed }
        guard let host = URLComponents(string: trimmed)?.host else { return nil }
        let labels = host.split(separator: ".")
        guard labels.count >= 4, labels[0] == "workload", host.hasSuffix(".cloudone.trendmicro.com") else { return nil }
        return String(labels[1])
    }
}
