/// How far a run is: account × region inventories read, out of those known so far.
public struct AuditProgress: Sendable, Equatable {
    public var done: Int
    public var total: Int
}
