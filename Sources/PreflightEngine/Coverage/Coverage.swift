/// The coverage of every running instance seen, and where it could not be determined.
public struct Coverage: Sendable, Equatable {
    /// An account × region whose instances could not be read.
    public struct Gap: Sendable, Equatable {
        public var accountId: String
        public var region: String?
        public var error: AuditError
    }

    public var instances: [InstanceCoverage]
    public var errors: [Gap]

    public var totals: CoverageTotals { CoverageTotals(instances) }
}
