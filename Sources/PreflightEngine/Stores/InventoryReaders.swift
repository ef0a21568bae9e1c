import AWSCore

/// Decides when an account's regional inventories can be freed: once every reader that visits the account has
/// finished it.
///
/// Each reader reads inventories only inside one loop over accounts, for the account being visited, and that loop
/// names its accounts when it starts. A reader that has not started its loop yet may visit any account, so nothing
/// is freed until every registered reader has started its loop or finished. Inactive (nothing is ever freed) until
/// `register` names the readers.
actor InventoryReaders {
    private var active = false
    /// Readers that have neither started their loop nor finished.
    private var unsettled: Set<InventoryReader> = []
    /// Per account, the readers that will visit it and have not finished it.
    private var pending: [AccountID: Set<InventoryReader>] = [:]
    /// Accounts no reader needs any more, held back while a reader is unsettled.
    private var held: Set<AccountID> = []

    /// Starts tracking `readers`; must be called before any of them runs.
    func register(_ readers: [InventoryReader]) {
        active = true
        unsettled = Set(readers)
    }

    /// `reader` starts its loop over `accounts`; returns the accounts that can be freed now.
    func visit(_ reader: InventoryReader, accounts: [AccountID]) -> [AccountID] {
        guard active else { return [] }
        for account in accounts {
            pending[account, default: []].insert(reader)
            held.remove(account)
        }
        return settle(reader)
    }

    /// `reader` has finished `account`; returns the accounts that can be freed now.
    func finish(_ reader: InventoryReader, account: AccountID) -> [AccountID] {
        guard active, pending[account]?.remove(reader) != nil else { return [] }
        if pending[account]?.isEmpty == false {
            return []
        }
        pending[account] = nil
        held.insert(account)
        return releasable()
    }

    /// `reader` reads no more (it finished, or started its loop); returns the accounts that can be freed now.
    func settle(_ reader: InventoryReader) -> [AccountID] {
        guard active else { return [] }
        unsettled.remove(reader)
        return releasable()
    }

    private func releasable() -> [AccountID] {
        guard unsettled.isEmpty, !held.isEmpty else { return [] }
        defer { held.removeAll() }
        return Array(held)
    }
}
