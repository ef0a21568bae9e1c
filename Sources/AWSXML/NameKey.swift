/// A coding key for an element or map-entry name known only at run time.
struct NameKey: CodingKey {
    let stringValue: String

    init(_ name: String) {
        self.stringValue = name
    }

    init?(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        self.stringValue = String(intValue)
    }

    var intValue: Int? { nil }
}
