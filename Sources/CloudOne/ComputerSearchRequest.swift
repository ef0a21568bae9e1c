/// The body of `POST /api/computers/search`: the next `maxItems` computers by ID after `idValue`.
public struct ComputerSearchRequest: Encodable, Sendable, Equatable {
    public struct Criterion: Encodable, Sendable, Equatable {
        public var idValue: Int
        public var idTest = "greater-than"
    }

    public var maxItems: Int
    public var searchCriteria: [Criterion]
    public var sortByObjectID = true

    public init(after lastID: Int, maxItems: Int) {
        self.maxItems = maxItems
        self.searchCriteria = [Criterion(idValue: lastID)]
    }
}
