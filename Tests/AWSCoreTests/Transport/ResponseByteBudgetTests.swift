import AsyncHTTPClient
import Testing

@testable import AWSCore

@Suite struct ResponseByteBudgetTests {
    typealias Ledger = ResponseByteBudget.Ledger

    @Test func grantsWhileBytesAreFreeThenQueuesInOrder() {
        var ledger = Ledger(capacity: 100)
        #expect(ledger.reserve(60, id: 1, mayWait: true) == .granted)
        #expect(ledger.reserve(50, id: 2, mayWait: true) == .wait)
        // A later small reservation does not overtake the waiting one.
        #expect(ledger.reserve(10, id: 3, mayWait: true) == .wait)
        #expect(ledger.reserved == 60)
        #expect(ledger.release(60) == [2, 3])
        #expect(ledger.reserved == 60)
        #expect(ledger.queue.isEmpty)
    }

    @Test func refusesMoreThanTheCapacityAndShortReservationsThatMayNotWait() {
        var ledger = Ledger(capacity: 100)
        #expect(ledger.reserve(101, id: 1, mayWait: true) == .refused)
        #expect(ledger.reserve(90, id: 2, mayWait: false) == .granted)
        #expect(ledger.reserve(11, id: 3, mayWait: false) == .refused)
        #expect(ledger.reserve(10, id: 4, mayWait: false) == .granted)
        #expect(ledger.available == 0)
    }

    @Test func releaseGrantsOnlyWhatFits() {
        var ledger = Ledger(capacity: 100)
        _ = ledger.reserve(100, id: 1, mayWait: true)
        _ = ledger.reserve(70, id: 2, mayWait: true)
        _ = ledger.reserve(40, id: 3, mayWait: true)
        #expect(ledger.release(50) == [])
        #expect(ledger.release(50) == [2])
        #expect(ledger.queue.map(\.id) == [3])
        #expect(ledger.release(70) == [3])
    }

    @Test func withdrawingAWaiterLetsTheNextOneIn() {
        var ledger = Ledger(capacity: 100)
        _ = ledger.reserve(50, id: 1, mayWait: true)
        _ = ledger.reserve(80, id: 2, mayWait: true)
        _ = ledger.reserve(30, id: 3, mayWait: true)
        let outcome = ledger.withdraw(2)
        #expect(outcome.withdrawn)
        #expect(outcome.granted == [3])
        #expect(ledger.withdraw(2).withdrawn == false)
    }

    @Test func theActorWaitsForReleasedBytes() async throws {
        let budget = ResponseByteBudget(capacity: 100)
        try await budget.reserve(80, mayWait: true)
        let waiter = Task { try await budget.reserve(50, mayWait: true) }
        await #expect(throws: ResponseByteBudget.Exhausted.self) { try await budget.reserve(30, mayWait: false) }
        await budget.release(80)
        try await waiter.value
        #expect(await budget.reserved == 50)
    }

    @Test func aCancelledWaiterHoldsNothing() async throws {
        let budget = ResponseByteBudget(capacity: 100)
        try await budget.reserve(100, mayWait: true)
        let waiter = Task { try await budget.reserve(10, mayWait: true) }
        try await Task.sleep(for: .milliseconds(50))
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        await budget.release(100)
        #expect(await budget.reserved == 0)
    }

    @Test func theTransportReservesEachBodyAndReleasesIt() async throws {
        let body = String(repeating: "x", count: 200)
        try await CredentialTestServer.with({ _ in .init(200, body) }) { server in
            let small = ResponseByteBudget(capacity: 100)
            let request = AWSHTTPRequest(method: "GET", url: server.baseURL + "/", headers: [], body: [])
            let error = await #expect(throws: TransportFailure.self) {
                _ = try await AsyncHTTPClientTransport(client: .shared, budget: small).send(request, timeout: .seconds(60))
            }
            #expect(error?.kind == .overBudget)
            #expect(await small.reserved == 0)
            let large = ResponseByteBudget(capacity: 1000)
            let response = try await AsyncHTTPClientTransport(client: .shared, budget: large)
                .send(request, timeout: .seconds(60))
            #expect(response.body.count == 200)
            #expect(await large.reserved == 0)
        }
    }

    @Test func theDefaultCapacityIs512MiB() {
        #expect(ResponseByteBudget.standardCapacity == 536_870_912)
    }
}
