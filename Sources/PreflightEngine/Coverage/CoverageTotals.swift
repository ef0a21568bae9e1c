/// Instance counts by verdict.
public struct CoverageTotals: Sendable, Equatable, Codable {
    public var instances: Int
    public var covered: Int
    public var uncovered: Int
    public var excluded: Int
    /// Instances Workload Security protects, those whose agent was installed outside the association included.
    public var protected: Int

    public init(instances: Int = 0, covered: Int = 0, uncovered: Int = 0, excluded: Int = 0, protected: Int = 0) {
        self.instances = instances
        self.covered = covered
        self.uncovered = uncovered
        self.excluded = excluded
        self.protected = protected
    }

    private enum CodingKeys: String, CodingKey { case instances, covered, uncovered, excluded, protected }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            instances: try container.decode(Int.self, forKey: .instances),
            covered: try container.decode(Int.self, forKey: .covered),
            uncovered: try container.decode(Int.self, forKey: .uncovered),
            excluded: try container.decode(Int.self, forKey: .excluded),
            protected: try container.decodeIfPresent(Int.self, forKey: .protected) ?? 0)
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
            if instance.workloadSecurity.status == .protected { protected += 1 }
        }
    }
}
