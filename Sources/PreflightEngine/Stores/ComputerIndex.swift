import CloudOne

/// Every computer of the manager, and the one that stands for each EC2 instance: when an instance was registered
/// more than once, its activated record, then the one that communicated last, then the newest.
struct ComputerIndex: Sendable {
    let all: [CloudOneComputer]
    private let byInstance: [String: CloudOneComputer]

    init(_ computers: [CloudOneComputer]) {
        all = computers
        var byInstance: [String: CloudOneComputer] = [:]
        byInstance.reserveCapacity(computers.count)
        for computer in computers {
            guard let instance = computer.instanceID else { continue }
            if let known = byInstance[instance], !Self.precedes(computer, known) { continue }
            byInstance[instance] = computer
        }
        self.byInstance = byInstance
    }

    /// The computer of `instanceId` in `account`; a record naming another account is not it.
    func computer(instance instanceId: String, account: String) -> CloudOneComputer? {
        guard let computer = byInstance[instanceId] else { return nil }
        return computer.accountID == nil || computer.accountID == account ? computer : nil
    }

    /// Whether `lhs` stands for its instance rather than `rhs`.
    static func precedes(_ lhs: CloudOneComputer, _ rhs: CloudOneComputer) -> Bool {
        if lhs.isActivated != rhs.isActivated { return lhs.isActivated }
        let left = lhs.lastAgentCommunication ?? .min, right = rhs.lastAgentCommunication ?? .min
        return left != right ? left > right : lhs.id > rhs.id
    }
}
