import PreflightEngine

/// The coverage of a report by account × region: the rows of the coverage tables and the heat map's cells.
struct CoverageGrid: Sendable {
    struct Cell: Sendable, Equatable {
        var accountId: String
        var region: String
        var totals: CoverageTotals
        /// Uncovered instances by reason, most frequent first.
        var reasons: [ReasonCount]
    }

    struct ReasonCount: Sendable, Equatable {
        var reason: CoverageReason
        var count: Int
    }

    /// Accounts and regions that have running instances, sorted.
    var accounts: [String]
    var regions: [String]
    /// Every account × region with instances, sorted by account then region.
    var cells: [Cell]
    var totals: CoverageTotals
    private var index: [CellKey: Cell] = [:]

    init(_ coverage: AuditReport.CoverageBlock) {
        let grouped = Dictionary(grouping: coverage.instances) { CellKey(accountId: $0.accountId, region: $0.region) }
        cells = grouped.map { key, instances in
            let uncovered: [CoverageReason] = instances.compactMap { $0.verdict == .uncovered ? $0.reason : nil }
            let counts: [ReasonCount] = Dictionary(grouping: uncovered) { $0 }.map { ReasonCount(reason: $0.key, count: $0.value.count) }
            let reasons = counts.sorted { (lhs: ReasonCount, rhs: ReasonCount) -> Bool in
                lhs.count != rhs.count ? lhs.count > rhs.count : lhs.reason < rhs.reason
            }
            return Cell(accountId: key.accountId, region: key.region, totals: CoverageTotals(instances), reasons: reasons)
        }.sorted { ($0.accountId, $0.region) < ($1.accountId, $1.region) }
        accounts = Array(Set(cells.map(\.accountId))).sorted()
        regions = Array(Set(cells.map(\.region))).sorted()
        totals = coverage.totals
        index = Dictionary(cells.map { (CellKey(accountId: $0.accountId, region: $0.region), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The cell of `accountId` × `region`, nil when it has no instance.
    func cell(accountId: String, region: String) -> Cell? {
        index[CellKey(accountId: accountId, region: region)]
    }

    /// The cells worst first: lowest covered share, then most uncovered, then by account and region; cells with
    /// no eligible instance last.
    var worstFirst: [Cell] {
        cells.sorted { lhs, rhs in
            let left = lhs.totals.coveredPercent ?? 101, right = rhs.totals.coveredPercent ?? 101
            if left != right { return left < right }
            if lhs.totals.uncovered != rhs.totals.uncovered { return lhs.totals.uncovered > rhs.totals.uncovered }
            return (lhs.accountId, lhs.region) < (rhs.accountId, rhs.region)
        }
    }

    /// The totals of one account over its regions.
    func totals(accountId: String) -> CoverageTotals {
        cells.filter { $0.accountId == accountId }.map(\.totals).reduce(CoverageTotals(), +)
    }

    private struct CellKey: Hashable {
        var accountId: String
        var region: String
    }
}
