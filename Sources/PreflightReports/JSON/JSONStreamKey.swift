/// A coding key of a member or element, for the coding path of an error.
struct JSONStreamKey: CodingKey {
    private let name: String?
    let intValue: Int?

    init(_ name: String) {
        self.name = name
        intValue = nil
    }

    init(_ key: any CodingKey) {
        name = key.stringValue
        intValue = key.intValue
    }

    init(index: Int) {
        name = nil
        intValue = index
    }

    init?(stringValue: String) {
        self.init(stringValue)
    }

    init?(intValue: Int) {
        self.init(index: intValue)
    }

    var stringValue: String { name ?? "Index \(intValue ?? 0)" }
}
