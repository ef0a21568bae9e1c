/// Three-valued logic: a test that held, did not hold, or could not be evaluated (with why).
enum Truth: Equatable {
    case yes
    case no
    case unknown(String)

    init(_ value: Bool) {
        self = value ? .yes : .no
    }

    var negated: Truth {
        switch self {
        case .yes: .no
        case .no: .yes
        case .unknown: self
        }
    }

    /// False if any is false, else unknown if any is unknown (the first reason), else true.
    static func all<S: Sequence>(_ items: S) -> Truth where S.Element == Truth {
        var unknown: Truth?
        for item in items {
            switch item {
            case .no: return .no
            case .unknown: unknown = unknown ?? item
            case .yes: continue
            }
        }
        return unknown ?? .yes
    }

    /// True if any is true, else unknown if any is unknown (the first reason), else false.
    static func any<S: Sequence>(_ items: S) -> Truth where S.Element == Truth {
        var unknown: Truth?
        for item in items {
            switch item {
            case .yes: return .yes
            case .unknown: unknown = unknown ?? item
            case .no: continue
            }
        }
        return unknown ?? .no
    }
}
