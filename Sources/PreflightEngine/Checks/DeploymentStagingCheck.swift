import AWSCore
import AWSServices

/// `deployment-staging`: the nested templates and the Lambda package the root stack is built from exist where
/// the templates say (the parameters file's values, else the templates' defaults, joined as `!Sub` joins them),
/// the deployer may read them, and the Lambda's code is in a bucket of the stack's own region.
struct DeploymentStagingCheck: CheckKind {
    struct Configuration: Decodable, Sendable {}

    static let name = "deployment-staging"
    static let summary =
        "The root stack's nested templates and the Lambda's code package exist (S3 HeadObject), the deployer may "
        + "read them (s3:GetObject simulated), and the code's bucket is in the stack's region."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("s3:GetObject", in: .management),
        AuditorPermission("s3:GetBucketLocation", in: .management),
        AuditorPermission("iam:SimulatePrincipalPolicy", in: .management),
    ]

    init(configuration: Configuration) {}

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let caller = try await context.principals.caller()
        let staging = context.options.deployment.staging
        var parameters = context.options.parameters
        for (name, value) in staging.parameterDefaults where parameters[name] == nil {
            parameters.values[name] = (value, 0)
        }
        let home = context.options.homeRegion
        let placeholders = Placeholders(
            partition: caller.partition, account: caller.account.rawValue, region: home, parameters: parameters)
        let suffix = AWSPartition(rawValue: caller.partition)?.dnsSuffix ?? AWSPartition.aws.dnsSuffix
        let deployer: Result<String, AuditError>
        do throws(AuditError) {
            deployer = .success(try await context.principals.deployerArn())
        } catch {
            deployer = .failure(error)
        }
        var results: [CheckResult] = []
        for url in staging.templateURLs {
            let resolved = placeholders.substitute(url)
            if let skipped = Self.unresolved(rule, resolved.unresolved, subject: resolved.text) {
                results.append(skipped)
                continue
            }
            guard let object = StagingObject.parse(url: resolved.text, dnsSuffix: suffix) else {
                results.append(rule.result(
                    .error, "the nested stack's TemplateURL \(resolved.text) is not an S3 object URL", resource: resolved.text))
                continue
            }
            results.append(await check(object, kind: "nested template", rule: rule, context: context, deployer: deployer))
        }
        let bucket = placeholders.substitute(staging.lambdaCodeBucket)
        let key = placeholders.substitute(staging.lambdaCodeKey)
        let subject = "s3://\(bucket.text)/\(key.text)"
        if let skipped = Self.unresolved(rule, bucket.unresolved + key.unresolved, subject: subject) {
            results.append(skipped)
        } else {
            let object = StagingObject(bucket: bucket.text, key: key.text, region: home)
            results.append(await checkLambdaCode(object, rule: rule, context: context, deployer: deployer))
        }
        return results
    }

    /// A `skip` for an object whose URL needs parameters nobody gave.
    static func unresolved(_ rule: Rule, _ names: [String], subject: String) -> CheckResult? {
        guard !names.isEmpty else { return nil }
        return rule.result(
            .skip, "\(subject) not checked: it needs parameter \(names.joined(separator: ", ")) (give --parameters)",
            resource: subject)
    }

    /// The Lambda's code: its bucket must be in the stack's region before the object is looked at.
    func checkLambdaCode(
        _ object: StagingObject, rule: Rule, context: AuditContext, deployer: Result<String, AuditError>
    ) async -> CheckResult {
        let s3 = S3(client: context.calls.client, context: context.principals.callerContext(region: object.region))
        let bucketRegion: String
        do throws(AuditError) {
            bucketRegion = try await context.calls.call("s3:GetBucketLocation") { try await s3.bucketRegion(bucket: object.bucket) }
        } catch where error.code == "NoSuchBucket" {
            return rule.finding(
                "the Lambda's code bucket \(object.bucket) does not exist", resource: object.location,
                evidence: evidence(object, kind: "lambda code"),
                remediation: "Create the bucket \(object.bucket) in \(object.region) and upload the package to \(object.key), or give TrendStagingS3Bucket the bucket that holds it.")
        } catch {
            return rule.error(error, resource: object.location)
        }
        guard bucketRegion == object.region.rawValue else {
            var facts = evidence(object, kind: "lambda code")
            facts["bucketRegion"] = .string(bucketRegion)
            return rule.finding(
                "the Lambda's code bucket \(object.bucket) is in \(bucketRegion), not in the stack's region \(object.region): "
                    + "Lambda reads code only from a bucket of its own region, so the stack would fail and roll back",
                resource: object.location, evidence: facts,
                remediation: "Copy the package to a bucket in \(object.region) (aws s3 cp s3://\(object.bucket)/\(object.key) s3://BUCKET-IN-\(object.region)/\(object.key)) and give that bucket as TrendStagingS3Bucket, or deploy the stack in \(bucketRegion).")
        }
        return await check(object, kind: "lambda code", rule: rule, context: context, deployer: deployer)
    }

    /// The object exists (HeadObject in its region) and the deployer may read it (s3:GetObject simulated).
    func check(
        _ object: StagingObject, kind: String, rule: Rule, context: AuditContext, deployer: Result<String, AuditError>
    ) async -> CheckResult {
        var facts = evidence(object, kind: kind)
        let s3 = S3(client: context.calls.client, context: context.principals.callerContext(region: object.region))
        do throws(AuditError) {
            let head = try await context.calls.call("s3:GetObject") { try await s3.headObject(bucket: object.bucket, key: object.key) }
            if let size = head.contentLength { facts["contentLength"] = .number(Double(size)) }
        } catch where error.code == "NotFound" || error.code == "NoSuchKey" || error.code == "NoSuchBucket" {
            facts["exists"] = .bool(false)
            return rule.finding(
                "the \(kind) \(object.location) does not exist in \(object.region) (the key is used as written, "
                    + "slashes included)", resource: object.location, evidence: facts,
                remediation: "Upload it to exactly that key, or set QSS3BucketName, QSS3KeyPrefix, QSS3BucketRegion and TrendStagingS3Bucket in the parameters file to where the staged files are.")
        } catch where error.code == "PermanentRedirect" {
            return rule.finding(
                "the bucket of the \(kind) \(object.location) is not in \(object.region): \(error.message)",
                resource: object.location, evidence: facts,
                remediation: "Set QSS3BucketRegion to the bucket's region, or stage the files in a bucket of \(object.region).")
        } catch {
            return rule.error(error, resource: object.location)
        }
        facts["exists"] = .bool(true)
        let principal: String
        switch deployer {
        case .success(let arn): principal = arn
        case .failure(let error): return rule.error(error, resource: object.location)
        }
        let partition = ARN(principal)?.partition ?? AWSPartition.aws.rawValue
        let resource = object.arn(partition: partition)
        do throws(AuditError) {
            let evaluations = try await context.principals.simulate(principal: principal, actions: ["s3:GetObject"], resources: [resource])
            let permission = PermissionEvidence.results(
                rule: rule, principal: principal, evaluations: evaluations, requested: [(action: "s3:GetObject", resource: resource)])[0]
            facts.merge(permission.evidence) { current, _ in current }
            guard permission.status == .pass else {
                var denied = permission
                denied.resource = object.location
                denied.evidence = facts
                return denied
            }
        } catch {
            return rule.error(error, resource: object.location)
        }
        return rule.result(
            .pass, "the \(kind) \(object.location) exists and \(principal) may read it", resource: object.location, evidence: facts)
    }

    func evidence(_ object: StagingObject, kind: String) -> [String: JSONValue] {
        ["bucket": .string(object.bucket), "key": .string(object.key), "region": .string(object.region.rawValue), "object": .string(kind)]
    }
}
