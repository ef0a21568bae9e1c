/// Decides when an account's regional inventories (instances, managed instances, parameters, associations,
/// outcomes) can be freed: once every reader that visits the account has finished it.
///
/// A reader is a rule whose check reads inventories, or the coverage computation. Each reads them only inside one
/// `forEachAccount` loop, for the account being visited, and that loop names its accounts when it starts. A reader
/// that has not started its loop yet may visit any account, so nothing is freed until every reader has started its
/// loop or finished. Inactive (nothing is ever freed) until `expect` names the readers.
actor InventoryReaders {
    /// The reader the current task works for; `nil` outside any reader.
    @TaskLocal static var current: Int?

    /// The coverage computation's reader id (rules use their index, never negative).
    static let coverage = -1

    private var active = false
    /// Readers that have neither started their loop nor finished.
    private var unsettled: Set<Int> = []
    /// Per account, the readers that will visit it and have not finished it.
    private var pending: [String: Set<Int>] = [:]
    /// Accounts no reader needs any more, held back while a reader is unsettled.
    private var held: Set<String> = []

    /// Starts tracking `readers`; must be called before any of them runs.
    func expect(_ readers: [Int]) {
        active = true
        unsettled = Set(readers)
    }

    /// `reader` starts its loop over `accounts`; returns the accounts that can be freed now.
    func visit(_ reader: Int, accounts: [String]) -> [String] {
        guard active else { return [] }
        for account in accounts {
            pending[account, default: []].insert(reader)
            held.remove(account)
        }
        return settle(reader)
    }

    /// `reader` has finished `account`; returns the accounts that can be freed now.
    func finish(_ reader: Int, account: String) -> [String] {
        guard active, pending[account]?.remove(reader) != nil else { return [] }
        if pending[account]?.isEmpty == false {
            return []
        }
        pending[account] = nil
        held.insert(account)
        return releasable()
    }

    /// `reader` reads no more (it finished, or started its loop); returns the accounts that can be freed now.
    func settle(_ reader: Int) -> [String] {
        guard active else { return [] }
        unsettled.remove(reader)
        return releasable()
    }

    private func releasable() -> [String] {
        guard unsettled.isEmpty, !held.isEmpty else { return [] }
        defer { held.removeAll() }
        return Array(held)
    }
}
