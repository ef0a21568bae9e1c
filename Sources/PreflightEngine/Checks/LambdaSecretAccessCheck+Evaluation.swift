import AWSCore
import PolicyEvaluation

extension LambdaSecretAccessCheck {
    /// Where a policy comes from, as a result's evidence names it: `policyType` and `policyArn`.
    struct Origin: Sendable {
        var type: String
        var arn: String
    }

    /// One call on the Lambda's way to the API key, and everything that decides it.
    struct Access: Sendable {
        var request: RequestContext
        var policies: PolicySet
        /// The ARN the results name (the secret's, the key's).
        var resource: String
    }

    /// Evaluates `GetSecretValue` on the secret and `kms:Decrypt` (via Secrets Manager) on its key for the role:
    /// a result for each.
    func evaluate(
        read: SecretPolicies, role: LambdaRole, trendKey: String, rule: Rule, context: AuditContext
    ) async throws(AuditError) -> [CheckResult] {
        let snapshot = try await context.organization.organization()
        guard let secretArn = ARN(read.secret.arn), let keyArn = ARN(read.key.arn) else {
            throw AuditError(message: "secretsmanager:DescribeSecret or kms:DescribeKey returned a malformed ARN")
        }
        let roleAccount = ARN(role.arn)?.account ?? ""
        var origins: [String: Origin] = [
            read.secret.arn: Origin(type: "secret-resource-policy", arn: read.secret.arn),
            read.key.arn: Origin(type: "key-policy", arn: read.key.arn),
        ]
        let secretPolicy = try read.secretPolicy.map { text throws(AuditError) in
            try Self.policy(text, id: read.secret.arn, name: "the resource policy of secret \(read.secret.arn)")
        }
        let keyPolicy = try Self.policy(read.keyPolicy, id: read.key.arn, name: "the key policy of \(read.key.arn)")

        var keys: [String: [String]] = [
            "aws:PrincipalArn": [role.arn], "aws:PrincipalAccount": [roleAccount], "aws:PrincipalOrgID": [snapshot.id],
            "aws:PrincipalType": ["AssumedRole"], "aws:PrincipalIsAWSService": ["false"],
            "aws:RequestedRegion": [read.region.rawValue], "aws:SecureTransport": ["true"],
        ]
        if let account = snapshot.accounts.first(where: { $0.id.rawValue == roleAccount }) {
            keys["aws:PrincipalOrgPaths"] = [snapshot.organizationPath(of: account)]
        }
        var secretKeys = keys
        secretKeys["aws:ViaAWSService"] = ["false"]
        secretKeys["aws:ResourceAccount"] = [secretArn.account]
        secretKeys["secretsmanager:SecretId"] = [read.secret.arn]
        var keyKeys = keys
        keyKeys["aws:ViaAWSService"] = ["true"]
        keyKeys["aws:ResourceAccount"] = [keyArn.account]
        keyKeys["kms:ViaService"] = ["secretsmanager.\(read.region.rawValue).amazonaws.com"]
        keyKeys["kms:CallerAccount"] = [roleAccount]
        keyKeys["kms:EncryptionContext:SecretARN"] = [read.secret.arn]
        keyKeys["kms:EncryptionContextKeys"] = ["SecretARN", "SecretVersionId"]
        keyKeys["kms:EncryptionAlgorithm"] = ["SYMMETRIC_DEFAULT"]
        let unknownKeys = Set(configuration.unknownKeys)
        let secretRequest = RequestContext(
            action: Self.getSecretValue, resource: read.secret.arn, principalArn: role.arn, keys: secretKeys, unknownKeys: unknownKeys)
        let keyRequest = RequestContext(
            action: Self.decrypt, resource: read.key.arn, principalArn: role.arn, keys: keyKeys, unknownKeys: unknownKeys)

        let identity = try await identityPolicies(role: role, requests: [secretRequest, keyRequest], context: context)
        for policy in identity.policies { origins[policy.id] = Origin(type: "identity", arn: role.arn) }
        let secretRCPs = try await resourceControlPolicies(account: secretArn.account, snapshot: snapshot, origins: &origins, context: context)
        // RCPs do not apply to AWS managed keys.
        let keyRCPs = read.key.keyManager == "AWS"
            ? [] : try await resourceControlPolicies(account: keyArn.account, snapshot: snapshot, origins: &origins, context: context)
        let accesses = [
            Access(
                request: secretRequest,
                policies: PolicySet(
                    identity: identity.policies, resourcePolicy: secretPolicy, resourceInOtherAccount: secretArn.account != roleAccount,
                    rcpLevels: secretRCPs),
                resource: read.secret.arn),
            Access(
                request: keyRequest,
                policies: PolicySet(
                    identity: identity.policies, resourcePolicy: keyPolicy, resourcePolicyIsKeyPolicy: true,
                    resourceInOtherAccount: keyArn.account != roleAccount, rcpLevels: keyRCPs),
                resource: read.key.arn),
        ]
        let account = AccountID(rawValue: secretArn.account)
        return accesses.map { access in
            let evaluation = PolicyEvaluator.evaluate(access.policies, access.request)
            if let disagreement = identity.disagreement(access.request, local: PolicyEvaluator.evaluate(PolicySet(identity: identity.policies), access.request)) {
                return rule.result(
                    .error, disagreement, account: account, resource: access.resource,
                    evidence: ["action": .string(access.request.action), "evaluatedBy": .array(["simulator", "local"])])
            }
            var result = result(
                rule: rule, evaluation: evaluation, access: access, role: role, read: read, trendKey: trendKey,
                origins: origins, identityBy: identity.evaluatedBy, account: account)
            if identity.evaluatedBy == "local" {
                // Whether the simulator answered the same question (it may not be allowed to).
                result.evidence["crossChecked"] = .bool(identity.crossCheck[access.request.action] != nil)
            }
            return result
        }
    }

    /// A policy document read from AWS, or an `error` naming it when it cannot be evaluated.
    static func policy(_ text: String, id: String, name: String) throws(AuditError) -> NamedPolicy {
        do {
            return NamedPolicy(id: id, name: name, document: try PolicyDocument(json: text))
        } catch {
            throw AuditError(message: "\(name) cannot be evaluated: \(error)")
        }
    }

    /// The RCPs that apply to a resource in `account`, level by level: none in the management account or outside the
    /// organization.
    func resourceControlPolicies(
        account: String, snapshot: OrganizationSnapshot, origins: inout [String: Origin], context: AuditContext
    ) async throws(AuditError) -> [[NamedPolicy]] {
        guard account != snapshot.managementAccountId.rawValue,
            let member = snapshot.accounts.first(where: { $0.id.rawValue == account })
        else { return [] }
        let policies = try await context.organization.resourceControlPolicies()
        let levels = policies.levels(of: member)
        for policy in levels.joined() { origins[policy.id] = Origin(type: "rcp", arn: policies.arn(of: policy.id) ?? policy.id) }
        return levels
    }
}

extension LambdaSecretAccessCheck {
    /// The result of one access: a pass, a `fail` naming the policy that blocks it, or an `error` when the decision
    /// is unknown.
    func result(
        rule: Rule, evaluation: Evaluation, access: Access, role: LambdaRole, read: SecretPolicies, trendKey: String,
        origins: [String: Origin], identityBy: String, account: AccountID?
    ) -> CheckResult {
        let action = access.request.action
        let isKey = action == Self.decrypt
        let otherKey = isKey && !read.isEncrypted(with: trendKey)
            ? " (the secret is encrypted with \(read.key.arn), not TrendKeyArn \(trendKey))" : ""
        var evidence: [String: JSONValue] = [
            "action": .string(action), "principalArn": .string(role.arn), "evaluatedBy": "local",
            "identityEvaluatedBy": .string(identityBy),
        ]
        let what = isKey
            ? "decrypt the secret with \(read.key.arn) through Secrets Manager" : "read the secret \(read.secret.arn)"
        let consequence = "the custom resource cannot read the Cloud One API key and the stack rolls back"
        switch evaluation.decision {
        case .allowed:
            return rule.result(
                .pass, "the Lambda role can \(what)\(otherKey)", account: account, resource: access.resource, evidence: evidence)
        case .unknown(let reason):
            return rule.result(
                .error, "whether the Lambda role can \(what) is unknown: \(reason)", account: account, resource: access.resource,
                evidence: evidence)
        case .explicitDeny:
            let first = evaluation.denyingStatements.first
            let origin = first.flatMap { origins[$0.policyId] } ?? Origin(type: "identity", arn: role.arn)
            evidence["policyType"] = .string(origin.type)
            evidence["policyArn"] = .string(origin.arn)
            if let sid = first?.sid { evidence["statementSid"] = .string(sid) }
            let statement = first?.sid.map { " (statement \($0))" } ?? ""
            let policy = Self.describe(origin, name: first?.policyName)
            return rule.finding(
                "\(policy)\(statement) denies \(action) to the Lambda role \(role.arn)\(otherKey): \(consequence)",
                account: account, resource: access.resource, evidence: evidence,
                remediation: "Exempt the Lambda role from the Deny statement\(statement) of \(policy).")
        case .implicitDeny:
            let (origin, why, fix) = Self.missingAllow(
                evaluation.unmet.first ?? .grant, access: access, role: role, read: read, trendKey: trendKey, origins: origins,
                otherKey: otherKey)
            evidence["policyType"] = .string(origin.type)
            evidence["policyArn"] = .string(origin.arn)
            return rule.finding(
                "the Lambda role \(role.arn) cannot \(what): \(why): \(consequence)", account: account, resource: access.resource,
                evidence: evidence, remediation: fix)
        }
    }

    /// The policy that lacks the Allow an implicitly denied access needs, why, and the fix.
    static func missingAllow(
        _ requirement: Requirement, access: Access, role: LambdaRole, read: SecretPolicies, trendKey: String,
        origins: [String: Origin], otherKey: String
    ) -> (Origin, String, String) {
        let action = access.request.action
        switch requirement {
        case .resourceControlPolicies(let level), .serviceControlPolicies(let level):
            let first = access.policies.rcpLevels.indices.contains(level) ? access.policies.rcpLevels[level].first : nil
            let origin = first.flatMap { origins[$0.id] } ?? Origin(type: "rcp", arn: first?.id ?? "")
            let node = level == 0 ? "the root" : "level \(level) below the root"
            return (
                origin, "no resource control policy attached to \(node) allows \(action)",
                "Attach an RCP that allows \(action) (RCPFullAWSAccess) at \(node).")
        case .keyPolicy:
            let account = ARN(read.key.arn)?.account ?? ""
            return (
                Origin(type: "key-policy", arn: read.key.arn),
                "the key policy of \(read.key.arn) neither names the role nor delegates to IAM (no arn:aws:iam::\(account):root statement)",
                "Add to the key policy a statement that allows kms:Decrypt to the Lambda role, or the account's IAM "
                    + "delegation statement (Principal {\"AWS\": \"arn:aws:iam::\(account):root\"}, Action kms:*).")
        case .grant, .permissionsBoundary, .sessionPolicies:
            let fix = otherKey.isEmpty
                ? "Allow \(action) on \(access.resource) in the Lambda role's policy."
                : "Encrypt the secret with TrendKeyArn (\(trendKey)), or set TrendKeyArn to \(read.key.arn)."
            return (
                Origin(type: "identity", arn: role.arn),
                "no identity policy of the role allows \(action) on \(access.resource)\(otherKey)", fix)
        }
    }

    /// How a message names the policy `origin` (an RCP by its name).
    static func describe(_ origin: Origin, name: String?) -> String {
        switch origin.type {
        case "secret-resource-policy": "the secret's resource policy"
        case "key-policy": "the key policy of \(origin.arn)"
        case "rcp": "the RCP \(name ?? origin.arn)"
        default: "the identity policy of the Lambda role"
        }
    }
}
