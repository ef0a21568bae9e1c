import CloudOne

/// How the run reaches Trend Cloud One Workload Security: the API key's source, the region, and when an agent counts
/// as offline.
public struct WorkloadSecurityOptions: Sendable {
    /// Where the API key comes from.
    public enum KeySource: Sendable {
        /// Given directly (`CLOUDONE_API_KEY`, `--cloudone-api-key-file`).
        case key(CloudOneAPIKey)
        /// The deployment's secret, read with `secretsmanager:GetSecretValue`: this ARN, or `CloudOneApiKeySecret` of
        /// the parameters file or the deployed stack when nil.
        case secret(arn: String?)
    }

    /// No key: the Workload Security rules are skipped.
    public var key: KeySource?
    /// The Cloud One region; nil takes the deployment's `CloudOneRegionEndpoint`.
    public var region: CloudOneRegion?
    /// An agent whose last communication is older than this is offline.
    public var agentStale = Defaults.agentStale
    /// The environment `CLOUDONE_ENDPOINT_URL` is read from.
    public var environment: [String: String] = [:]

    public init(
        key: KeySource? = nil, region: CloudOneRegion? = nil, agentStale: Duration = Defaults.agentStale,
        environment: [String: String] = [:]
    ) {
        self.key = key
        self.region = region
        self.agentStale = agentStale
        self.environment = environment
    }

    /// How to enable the Workload Security rules, for the message of their `skip` results.
    public static let howToEnable =
        "no Cloud One API key was given: set CLOUDONE_API_KEY, or pass --cloudone-api-key-file FILE or "
        + "--cloudone-api-key-secret [ARN], to check Workload Security"
}
