/// Instance counts by verdict.
public struct CoverageTotals: Sendable, Equatable, Codable {
    public var instances: Int
    public var covered: Int
    public var uncovered: Int
    public var excluded: Int

    public init(instances: Int = 0, covered: Int = 0, uncovered: Int = 0, excluded: Int = 0) {
        self.instances = instances
        self.covered = covered
        self.uncovered = uncovered
        self.excluded = excluded
    }

    /// Totals of `instances`.
    public init(_ instances: [InstanceCoverage]) {
        self.init(instances: instances.count)
        for instance in instances {
            switch instance.verdict {
            case .covered: covered += 1
            case .uncovered: uncovered += 1
            case .excluded: excluded += 1
            }
        }
    }
}
