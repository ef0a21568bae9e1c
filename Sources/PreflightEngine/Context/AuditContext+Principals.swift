import AWSCore
import AWSServices

extension AuditContext {
    /// The deployer principal: `--deployer-arn`, or the caller resolved from its STS session to its IAM role
    /// (path included, so SSO roles under `/aws-reserved/` work) or user.
    public func deployerArn() async -> Result<String, AuditError> {
        if let arn = options.deployerArn { return .success(arn) }
        return await deployerMemo.value(for: "deployer") {
            switch await self.callerIdentity() {
            case .failure(let error):
                return .failure(error)
            case .success(let identity):
                return await self.principalArn(forCaller: identity.arn)
            }
        }
    }

    /// The IAM principal behind a caller ARN.
    func principalArn(forCaller arn: String) async -> Result<String, AuditError> {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6 else { return .failure(AuditError(message: "cannot parse caller ARN \(arn)")) }
        let resource = parts[5]
        if parts[2] == "iam", resource.hasPrefix("user/") || resource.hasPrefix("role/") {
            return .success(arn)
        }
        if parts[2] == "sts", resource.hasPrefix("assumed-role/") {
            let segments = resource.split(separator: "/")
            guard segments.count >= 2 else { return .failure(AuditError(message: "cannot parse caller ARN \(arn)")) }
            let roleName = String(segments[1])
            return await call("iam:GetRole") {
                try await IAM(client: self.client, context: self.callerContext()).getRole(name: roleName).arn
            }
        }
        if resource == "root" {
            return .failure(AuditError(message: "the caller is the root user, which the policy simulator cannot evaluate; pass --deployer-arn"))
        }
        return .failure(AuditError(message: "cannot simulate policies for \(arn); pass --deployer-arn with an IAM role or user ARN"))
    }

    /// Simulates `actions` for `principal` in one paginated call per resource set.
    func simulate(principal: String, actions: [String], resources: [String]) async -> Result<[IAM.EvaluationResult], AuditError> {
        await call("iam:SimulatePrincipalPolicy") {
            try await IAM(client: self.client, context: self.callerContext())
                .simulatePrincipalPolicy(principalArn: principal, actions: actions, resources: resources)
        }
    }

    /// Simulates `actions` against identity policy documents.
    func simulate(policies: [String], actions: [String], resources: [String]) async -> Result<[IAM.EvaluationResult], AuditError> {
        await call("iam:SimulateCustomPolicy") {
            try await IAM(client: self.client, context: self.callerContext())
                .simulateCustomPolicy(policies: policies, actions: actions, resources: resources)
        }
    }

    /// Replaces `${Name}` placeholders with deployment parameters, `${AWS::Partition}`/`${partition}` and
    /// `${AWS::AccountId}`/`${account}` with the caller's. Returns the text with unknown placeholders as `*`, and
    /// the names of those unknown placeholders.
    func substitute(_ template: String, account: String?, parameters: DeploymentParameters) -> (text: String, unresolved: [String]) {
        var output = ""
        var unresolved: [String] = []
        var rest = Substring(template)
        while let start = rest.range(of: "${") {
            output += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
            let name = String(rest[start.upperBound..<end])
            switch name {
            case "AWS::Partition", "partition": output += "aws"
            case "AWS::AccountId", "account": output += account ?? "*"
            case "AWS::Region", "region": output += options.homeRegion
            default:
                if let value = parameters[name] {
                    output += value
                } else {
                    output += "*"
                    unresolved.append(name)
                }
            }
            rest = rest[rest.index(after: end)...]
        }
        return (output + rest, unresolved)
    }
}
