/// Counts account × region inventories and reports each change to an observer.
actor ProgressCounter {
    private var progress = AuditProgress(done: 0, total: 0)
    private let observer: @Sendable (AuditProgress) async -> Void

    init(observer: @escaping @Sendable (AuditProgress) async -> Void) {
        self.observer = observer
    }

    func discovered(_ count: Int) async {
        progress.total += count
        await observer(progress)
    }

    func completed() async {
        progress.done += 1
        await observer(progress)
    }
}
