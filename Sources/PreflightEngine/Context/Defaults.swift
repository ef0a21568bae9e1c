import AWSCore

/// The defaults of a run, read by the command line and the engine alike.
public enum Defaults {
    /// The deployment's root stack.
    public static let stackName = "ABI-TM-SSM"
    /// The role assumed in member accounts.
    public static let memberRole = "OrganizationAccountAccessRole"
    /// AWS calls in flight at once.
    public static let concurrency = 128
    /// AWS calls in flight at once in one account and region (AWS throttles per account and region).
    public static let accountRegionConcurrency = 4
    /// The region of organization-wide calls when no profile or environment names one.
    public static let homeRegion = Region(rawValue: "us-east-1")!
    /// An agent whose last communication with Workload Security is older than this is offline.
    public static let agentStale: Duration = .seconds(24 * 3600)
    /// A Cloud One API key that expires sooner than this is a warning.
    public static let apiKeyExpiryWarning: Duration = .seconds(14 * 24 * 3600)
}
