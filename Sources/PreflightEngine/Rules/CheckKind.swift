/// A kind of check, written in Swift; rule files choose a kind by `name` and give it `Configuration` as `data`.
protocol CheckKind: Check {
    associatedtype Configuration: Decodable & Sendable
    /// The kind's name in rule files.
    static var name: String { get }
    /// What the kind checks, in a sentence or two (shown by `preflight rules explain`).
    static var summary: String { get }
    /// What Preflight calls for this kind, beyond the organization and instance inventory every run reads.
    static var auditorPermissions: [AuditorPermission] { get }
    init(configuration: Configuration)
}

extension CheckKind {
    var summary: String { Self.summary }
    var auditorPermissions: [AuditorPermission] { Self.auditorPermissions }
}
