/// A statement that applied to a request: which policy it belongs to and where it sits in it (`index` from 0).
public struct MatchedStatement: Sendable, Equatable {
    public var policyId: String
    public var policyName: String
    public var sid: String?
    public var index: Int

    public init(policyId: String, policyName: String, sid: String?, index: Int) {
        self.policyId = policyId
        self.policyName = policyName
        self.sid = sid
        self.index = index
    }
}

extension MatchedStatement: CustomStringConvertible {
    /// `policy "Name" (id) statement 2 (Sid "X")`, as reasons and reports name a statement.
    public var description: String {
        let statement = sid.map { "statement \(index) (Sid \"\($0)\")" } ?? "statement \(index)"
        return "policy \"\(policyName)\" (\(policyId)) \(statement)"
    }
}
