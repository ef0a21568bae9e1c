/// A kind of check, written in Swift; rule files choose a kind by `name` and give it `Configuration` as `data`.
protocol CheckKind: Check {
    associatedtype Configuration: Decodable & Sendable
    /// The kind's name in rule files.
    static var name: String { get }
    init(configuration: Configuration)
}
