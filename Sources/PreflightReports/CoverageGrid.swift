import PreflightEngine

/// The coverage of a report by account × region: the rows of the coverage tables and the heat map's cells, ordered
/// by OU path, then account, then region.
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

    /// The accounts of one OU, in order.
    struct Group: Sendable, Equatable {
        /// The OU path (empty for the root), nil when the accounts' place in the organization is not known.
        var ouPath: String?
        var accounts: [String]

        /// The group's heading: the OU path, or the root's or unknown label.
        var label: String { AccountLabel.ou(ouPath) }
    }

    /// Accounts that have running instances, by OU path then id; regions sorted.
    var accounts: [String]
    var regions: [String]
    /// The accounts by OU, in the order of `accounts`.
    var groups: [Group]
    /// Every account × region with instances, in the order of `accounts`, then by region.
    var cells: [Cell]
    var totals: CoverageTotals
    /// Whether Workload Security's view is known (a Cloud One key was given and the manager read).
    var knowsProtection = false
    private var index: [CellKey: Cell] = [:]
    private var places: [String: (name: String?, ouPath: String?)] = [:]

    init(_ coverage: AuditReport.CoverageBlock) {
        for instance in coverage.instances {
            if instance.workloadSecurity.status != .unknown { knowsProtection = true }
            if places[instance.accountId] == nil { places[instance.accountId] = (instance.accountName, instance.ouPath) }
        }
        let known = places
        accounts = known.keys.sorted { AccountLabel.precedes((known[$0]!.ouPath, $0), (known[$1]!.ouPath, $1)) }
        var groups: [Group] = []
        for account in accounts {
            let ouPath = known[account]!.ouPath
            if groups.last.map({ $0.ouPath != ouPath }) ?? true { groups.append(Group(ouPath: ouPath, accounts: [])) }
            groups[groups.count - 1].accounts.append(account)
        }
        self.groups = groups
        let rank = Dictionary(uniqueKeysWithValues: accounts.enumerated().map { ($1, $0) })
        let grouped = Dictionary(grouping: coverage.instances) { CellKey(accountId: $0.accountId, region: $0.region) }
        cells = grouped.map { key, instances in
            let uncovered: [CoverageReason] = instances.compactMap { $0.verdict == .uncovered ? $0.reason : nil }
            let counts: [ReasonCount] = Dictionary(grouping: uncovered) { $0 }.map { ReasonCount(reason: $0.key, count: $0.value.count) }
            let reasons = counts.sorted { (lhs: ReasonCount, rhs: ReasonCount) -> Bool in
                lhs.count != rhs.count ? lhs.count > rhs.count : lhs.reason < rhs.reason
            }
            return Cell(accountId: key.accountId, region: key.region, totals: CoverageTotals(instances), reasons: reasons)
        }.sorted { (rank[$0.accountId]!, $0.region) < (rank[$1.accountId]!, $1.region) }
        regions = Array(Set(cells.map(\.region))).sorted()
        totals = coverage.totals
        index = Dictionary(cells.map { (CellKey(accountId: $0.accountId, region: $0.region), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether the report knows where any account sits in the organization (reports before account names did not).
    var knowsOUs: Bool {
        groups.contains { $0.ouPath != nil }
    }

    /// The cell of `accountId` × `region`, nil when it has no instance.
    func cell(accountId: String, region: String) -> Cell? {
        index[CellKey(accountId: accountId, region: region)]
    }

    /// `name (id)` of an account of the grid, or its id.
    func label(accountId: String) -> String {
        AccountLabel.account(accountId, name: name(accountId: accountId))
    }

    /// The name of an account of the grid, nil when not known.
    func name(accountId: String) -> String? {
        places[accountId]?.name
    }

    /// The OU path of an account of the grid, nil when not known.
    func ouPath(accountId: String) -> String? {
        places[accountId]?.ouPath
    }

    /// The `limit` worst cells (lowest coverage, then most uncovered instances), shown in the grid's order (by OU,
    /// account and region): a table cut to a few rows keeps the rows that need attention, grouped as people read.
    func worst(_ limit: Int?) -> [Cell] {
        guard let limit, limit < cells.count else { return cells }
        let worst = cells.indices.sorted { lhs, rhs in
            let (left, right) = (cells[lhs].totals, cells[rhs].totals)
            let (leftPercent, rightPercent) = (left.coveredPercent ?? 101, right.coveredPercent ?? 101)
            if leftPercent != rightPercent { return leftPercent < rightPercent }
            if left.uncovered != right.uncovered { return left.uncovered > right.uncovered }
            return lhs < rhs
        }.prefix(limit)
        return worst.sorted().map { cells[$0] }
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
