/// Form parameters of an AWS query or EC2 request, in insertion order.
public struct QueryParameters: Sendable, Equatable {
    public private(set) var items: [(name: String, value: String)] = []

    public init() {}

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.items.elementsEqual(rhs.items) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Adds `name=value`; `nil` adds nothing.
    public mutating func add(_ name: String, _ value: String?) {
        if let value { items.append((name, value)) }
    }

    /// Adds `name=value`; `nil` adds nothing.
    public mutating func add(_ name: String, _ value: Int?) {
        if let value { items.append((name, String(value))) }
    }

    /// Adds a query-protocol list: `Name.member.1`, `Name.member.2`, …
    public mutating func addMemberList(_ name: String, _ values: [String]) {
        for (index, value) in values.enumerated() {
            items.append(("\(name).member.\(index + 1)", value))
        }
    }

    /// Adds an EC2-style list: `Name.1`, `Name.2`, …
    public mutating func addEC2List(_ name: String, _ values: [String]) {
        for (index, value) in values.enumerated() {
            items.append(("\(name).\(index + 1)", value))
        }
    }

    /// Adds EC2 filters: `Filter.N.Name` and `Filter.N.Value.M`.
    public mutating func addEC2Filters(_ filters: [(name: String, values: [String])]) {
        for (index, filter) in filters.enumerated() {
            items.append(("Filter.\(index + 1).Name", filter.name))
            addEC2List("Filter.\(index + 1).Value", filter.values)
        }
    }

    /// The `application/x-www-form-urlencoded` body, with `Action` and `Version` first.
    func formBody(action: String, version: String) -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(64 + items.count * 32)
        FormEncoding.append("Action", action, to: &body)
        body.append(UInt8(ascii: "&"))
        FormEncoding.append("Version", version, to: &body)
        for item in items {
            body.append(UInt8(ascii: "&"))
            FormEncoding.append(item.name, item.value, to: &body)
        }
        return body
    }
}
