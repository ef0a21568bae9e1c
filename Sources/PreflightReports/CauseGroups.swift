import PreflightEngine

/// The instances Systems Manager does not manage or lost, grouped by their first cause with the accounts they sit
/// in, in the causes' order: `14 instances in 3 accounts: no-network-path`.
struct CauseGroups {
    struct Group {
        var cause: DiagnosisCause
        var instances: Int
        var accounts: Int

        /// `14 instances in 3 accounts: no-network-path`.
        var line: String {
            "\(instances) instance\(instances == 1 ? "" : "s") in \(accounts) account\(accounts == 1 ? "" : "s"): \(cause.rawValue)"
        }
    }

    let groups: [Group]

    init(_ instances: [InstanceCoverage]) {
        var members: [DiagnosisCause: (instances: Int, accounts: Set<String>)] = [:]
        for instance in instances {
            guard let cause = instance.causes.first else { continue }
            members[cause, default: (0, [])].instances += 1
            members[cause, default: (0, [])].accounts.insert(instance.accountId)
        }
        groups = members.sorted { $0.key < $1.key }
            .map { Group(cause: $0.key, instances: $0.value.instances, accounts: $0.value.accounts.count) }
    }

    var isEmpty: Bool { groups.isEmpty }
}
