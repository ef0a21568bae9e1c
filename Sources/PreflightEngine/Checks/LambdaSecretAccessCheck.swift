import AWSCore
import AWSServices
import PolicyEvaluation

/// `lambda-secret-access`: the custom-resource Lambda's role can read the Cloud One API key secret and decrypt it,
/// as AWS decides with the policies the IAM simulator ignores: the secret's resource policy, the KMS key policy
/// (which must name the role or delegate to IAM) and the organization's resource control policies. The secret's
/// metadata and policies are read (`DescribeSecret`, `GetResourcePolicy`, `DescribeKey`, `GetKeyPolicy`) in the
/// secret's account, never its value, and evaluated locally. The role is the stack's: before deployment the one the
/// template will create in the caller's account.
struct LambdaSecretAccessCheck: CheckKind {
    struct Configuration: Decodable, Sendable {
        /// Condition keys whose value cannot be known before the Lambda's call (a condition on one is an `error`).
        var unknownKeys: [String]
    }

    static let name = "lambda-secret-access"
    static let summary =
        "The custom-resource Lambda's role can read the API key secret (GetSecretValue) and decrypt it (kms:Decrypt "
        + "via Secrets Manager): the secret's resource policy, the key policy and the RCPs, evaluated locally."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("secretsmanager:DescribeSecret", in: .management),
        AuditorPermission("secretsmanager:GetResourcePolicy", in: .management),
        AuditorPermission("kms:DescribeKey", in: .management),
        AuditorPermission("kms:GetKeyPolicy", in: .management),
        // A delegated administrator's secret, read from the management account through the member role.
        AuditorPermission("secretsmanager:DescribeSecret", in: .member),
        AuditorPermission("secretsmanager:GetResourcePolicy", in: .member),
        AuditorPermission("kms:DescribeKey", in: .member),
        AuditorPermission("kms:GetKeyPolicy", in: .member),
        AuditorPermission("iam:SimulateCustomPolicy", in: .management),
        AuditorPermission("iam:SimulatePrincipalPolicy", in: .management),
        AuditorPermission("iam:GetRole", in: .management),
        AuditorPermission("cloudformation:DescribeStacks", in: .management),
        AuditorPermission("cloudformation:ListStackResources", in: .management),
        AuditorPermission("organizations:ListPolicies", in: .management),
        AuditorPermission("organizations:DescribePolicy", in: .management),
        AuditorPermission("organizations:ListTargetsForPolicy", in: .management),
        AuditorPermission("organizations:ListPoliciesForTarget", in: .management),
    ]
    static let getSecretValue = "secretsmanager:GetSecretValue"
    static let decrypt = "kms:Decrypt"

    let configuration: Configuration

    init(configuration: Configuration) { self.configuration = configuration }

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let caller = try await context.principals.caller()
        let parameters = await context.stacks.effectiveParameters()
        let missing = ["CloudOneApiKeySecret", "TrendKeyArn"].filter { (parameters[$0] ?? "").isEmpty }
        if !missing.isEmpty {
            let masked = context.options.phase == .post && missing.contains("CloudOneApiKeySecret")
                ? " (the deployed stack masks CloudOneApiKeySecret: give it with --parameters)" : " (give --parameters)"
            return [rule.result(.skip, "not checked: needs parameter \(missing.joined(separator: ", "))\(masked)")]
        }
        let secretId = parameters["CloudOneApiKeySecret"] ?? ""
        let trendKey = parameters["TrendKeyArn"] ?? ""
        guard let secretArn = ARN(secretId), secretArn.service == "secretsmanager",
            let region = Region(rawValue: secretArn.region), let secretAccount = AccountID(rawValue: secretArn.account)
        else {
            return [rule.result(.skip, "not checked: CloudOneApiKeySecret is not a Secrets Manager secret ARN (see deployment-parameters)")]
        }
        let role: LambdaRole
        do throws(AuditError) {
            role = try await lambdaRole(context: context, caller: caller, secretAccount: secretAccount)
        } catch {
            return [rule.error(error, resource: secretId)]
        }
        let read: SecretPolicies
        do throws(AuditError) {
            read = try await SecretPolicies.read(secretId: secretId, account: secretAccount, region: region, context: context)
        } catch where error.code == "ResourceNotFoundException" {
            return [rule.finding(
                "the secret \(secretId) (CloudOneApiKeySecret) does not exist: the Lambda cannot read the API key and the stack rolls back",
                resource: secretId, evidence: ["policyType": "secret", "policyArn": .string(secretId), "evaluatedBy": "local"],
                remediation: "Create the secret in \(region) with the Cloud One API key, or correct CloudOneApiKeySecret.")]
        } catch {
            return [rule.error(error, resource: secretId)]
        }
        do throws(AuditError) {
            return try await evaluate(read: read, role: role, trendKey: trendKey, rule: rule, context: context)
        } catch {
            return [rule.error(error, resource: secretId)]
        }
    }

    /// The role the Lambda runs as: `--lambda-role-arn`, the deployed stack's after deployment, else the role the
    /// template will create (its name is CloudFormation's, so a placeholder that only a wildcard can match) in the
    /// stack's account: the caller's, or for a delegated administrator audited from the management account, the
    /// secret's.
    func lambdaRole(context: AuditContext, caller: Caller, secretAccount: AccountID) async throws(AuditError) -> LambdaRole {
        let options = context.options
        if let given = options.lambdaRoleArn {
            return LambdaRole(arn: given, deployed: true)
        }
        if options.phase == .post {
            return LambdaRole(arn: try await context.stacks.deployedLambdaRoleArn(), deployed: true)
        }
        let name = "\(options.stackName)-\(options.deployment.lambdaRoleLogicalId)-\(String(repeating: "0", count: 12))"
        var account = caller.account
        if options.parameters.accountAdminStatus == "DELEGATED_ADMIN",
            try await context.organization.organization().managementAccountId == caller.account
        {
            account = secretAccount
        }
        return LambdaRole(arn: ARN.role(partition: caller.partition, account: account.rawValue, name: name).description, deployed: false)
    }
}

/// The Lambda's role: an existing one (its policies are simulated), or the one the template will create (its
/// policies are the template's).
struct LambdaRole: Sendable {
    var arn: String
    var deployed: Bool
}
