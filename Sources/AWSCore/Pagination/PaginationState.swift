/// The token bookkeeping of a pagination, as a value-type state machine.
struct PaginationState: Sendable {
    /// The token of the next request; `value` is `nil` for the first page.
    struct Token: Equatable { var value: String? }

    private var pending: Token? = Token(value: nil)
    private var seen: Set<String> = []

    /// The request to make next, or `nil` when the pagination is over.
    mutating func nextRequest() -> Token? {
        defer { pending = nil }
        return pending
    }

    /// Records a page's next token; returns `false` when that token was already seen (a loop).
    mutating func received(nextToken: String?) -> Bool {
        guard let nextToken, !nextToken.isEmpty else { return true }
        guard seen.insert(nextToken).inserted else { return false }
        pending = Token(value: nextToken)
        return true
    }
}
