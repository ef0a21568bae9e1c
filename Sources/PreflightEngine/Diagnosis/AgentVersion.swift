/// An SSM agent version (`3.2.582.0`), compared component by component.
struct AgentVersion: Comparable, Sendable, CustomStringConvertible {
    let components: [Int]

    /// The first version Default Host Management Configuration works with.
    static let defaultHostManagementMinimum = AgentVersion("3.2.582.0")!

    init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }) else { return nil }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == parts.count else { return nil }
        components = numbers
    }

    /// Equal when every component is, missing trailing components counting as 0 (`3.2.582` is `3.2.582.0`).
    static func == (lhs: Self, rhs: Self) -> Bool {
        !(lhs < rhs) && !(rhs < lhs)
    }

    static func < (lhs: Self, rhs: Self) -> Bool {
        for index in 0..<max(lhs.components.count, rhs.components.count) {
            let left = index < lhs.components.count ? lhs.components[index] : 0
            let right = index < rhs.components.count ? rhs.components[index] : 0
            if left != right { return left < right }
        }
        return false
    }

    var description: String { components.map(String.init).joined(separator: ".") }
}
