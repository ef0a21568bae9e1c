import AWSCore

/// Who runs Preflight, as `sts:GetCallerIdentity` tells.
public struct Caller: Sendable, Equatable {
    public var account: AccountID
    public var arn: ARN

    /// The caller's partition (`aws`, `aws-us-gov`, `aws-cn`), which every ARN Preflight builds uses.
    public var partition: String { arn.partition }
}
