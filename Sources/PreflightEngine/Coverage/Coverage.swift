import AWSCore

/// The coverage of every running instance seen, and where it could not be determined.
public struct Coverage: Sendable, Equatable {
    /// An account (and region) whose instances could not be read; no account when the organization could not be.
    public struct Gap: Sendable, Equatable {
        public var account: AccountID?
        public var region: Region?
        public var error: AuditError
    }

    public var instances: [InstanceCoverage]
    public var errors: [Gap]

    public var totals: CoverageTotals { CoverageTotals(instances) }
}
