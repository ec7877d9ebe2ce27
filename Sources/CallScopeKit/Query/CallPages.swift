/// The pages of a fetch, pulled one at a time: a page is fetched only when the consumer asks for
/// it, so nothing is buffered and a consumer that stops (or whose task is cancelled) stops the
/// fetch. Every provider, the store's cached reads and the write-through cache return this.
public struct CallPages: AsyncSequence, Sendable {
    public typealias Element = CallPage
    public typealias Failure = any Error

    private let start: @Sendable () -> (() async throws -> CallPage?)

    /// `start` is called once per iteration and returns the function that fetches the next page
    /// (nil at the end); that function is only ever called from the iterating task.
    public init(_ start: @escaping @Sendable () -> (() async throws -> CallPage?)) {
        self.start = start
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(fetchNext: start()) }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let fetchNext: () async throws -> CallPage?

        public mutating func next() async throws -> CallPage? {
            try Task.checkCancellation()
            return try await fetchNext()
        }
    }

    /// These pages with each one transformed as it is pulled (e.g. stored on the way).
    public func map(_ transform: @escaping @Sendable (CallPage) async throws -> CallPage) -> CallPages {
        CallPages { [self] in
            var iterator = makeAsyncIterator()
            return {
                guard let page = try await iterator.next() else { return nil }
                return try await transform(page)
            }
        }
    }
}
