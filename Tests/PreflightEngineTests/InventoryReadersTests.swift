import Testing

@testable import PreflightEngine

@Suite struct InventoryReadersTests {
    @Test func freesAnAccountOnceEveryVisitingReaderHasFinishedIt() async {
        let readers = InventoryReaders()
        await readers.expect([0, 1])
        #expect(await readers.visit(0, accounts: ["a", "b"]).isEmpty)
        #expect(await readers.visit(1, accounts: ["a"]).isEmpty)
        #expect(await readers.finish(0, account: "a").isEmpty)
        #expect(await readers.finish(1, account: "a") == ["a"])
        #expect(await readers.finish(0, account: "b") == ["b"])
    }

    @Test func holdsFinishedAccountsWhileAReaderHasNotStartedItsLoop() async {
        let readers = InventoryReaders()
        await readers.expect([0, 1, 2])
        _ = await readers.visit(0, accounts: ["a", "b"])
        #expect(await readers.finish(0, account: "a").isEmpty)
        #expect(await readers.finish(0, account: "b").isEmpty)
        // Reader 1 visits `a` again, so only `b` can go once reader 2 finishes without a loop.
        #expect(await readers.visit(1, accounts: ["a"]).isEmpty)
        #expect(await readers.settle(2) == ["b"])
        #expect(await readers.finish(1, account: "a") == ["a"])
    }

    @Test func aReaderFinishingAnAccountTwiceDoesNotFreeItForAnother() async {
        let readers = InventoryReaders()
        await readers.expect([0, 1])
        _ = await readers.visit(0, accounts: ["a"])
        _ = await readers.visit(1, accounts: ["a"])
        #expect(await readers.finish(0, account: "a").isEmpty)
        #expect(await readers.finish(0, account: "a").isEmpty)
        #expect(await readers.finish(1, account: "a") == ["a"])
    }

    @Test func freesNothingUntilReadersAreExpected() async {
        let readers = InventoryReaders()
        #expect(await readers.visit(0, accounts: ["a"]).isEmpty)
        #expect(await readers.finish(0, account: "a").isEmpty)
        #expect(await readers.settle(0).isEmpty)
    }
}
