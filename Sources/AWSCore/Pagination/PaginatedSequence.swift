/// The pages of a paginated AWS operation, fetched lazily one after another (Marker or NextToken).
///
/// A page token that repeats one already seen ends the sequence with `AWSClientError.paginationLoop`,
/// so a misbehaving service cannot make a caller loop forever.
public struct PaginatedSequence<Page: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Page
    /// Fetches the page for `token` (`nil` for the first) and returns it with the next token, if any.
    public typealias Fetch = @Sendable (_ token: String?) async throws -> (page: Page, nextToken: String?)

    private let service: String
    private let operation: String
    private let fetch: Fetch

    public init(service: String, operation: String, fetch: @escaping Fetch) {
        self.service = service
        self.operation = operation
        self.fetch = fetch
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(service: service, operation: operation, fetch: fetch)
    }

    /// Iterates the pages.
    public struct Iterator: AsyncIteratorProtocol {
        let service: String
        let operation: String
        let fetch: Fetch
        var state = PaginationState()

        public mutating func next() async throws -> Page? {
            guard let token = state.nextRequest() else { return nil }
            let (page, nextToken) = try await fetch(token.value)
            guard state.received(nextToken: nextToken) else {
                throw AWSClientError(
                    .paginationLoop, service: service, operation: operation,
                    message: "the service returned a page token it had already returned")
            }
            return page
        }
    }
}

extension PaginatedSequence {
    /// Collects every page's items into one array.
    public func collect<Item>(_ items: (Page) -> [Item]) async throws -> [Item] {
        var all: [Item] = []
        for try await page in self {
            all.append(contentsOf: items(page))
        }
        return all
    }
}
