import AWSCore
import Testing

@testable import PreflightEngine

@Suite struct InventoryReadersTests {
    let r0 = InventoryReader.rule(id: "r0")
    let r1 = InventoryReader.rule(id: "r1")
    let r2 = InventoryReader.coverage
    let a = AccountID(rawValue: "111111111111")!
    let b = AccountID(rawValue: "222222222222")!

    @Test func freesAnAccountOnceEveryVisitingReaderHasFinishedIt() async {
        let readers = InventoryReaders()
        await readers.register([r0, r1])
        #expect(await readers.visit(r0, accounts: [a, b]).isEmpty)
        #expect(await readers.visit(r1, accounts: [a]).isEmpty)
        #expect(await readers.finish(r0, account: a).isEmpty)
        #expect(await readers.finish(r1, account: a) == [a])
        #expect(await readers.finish(r0, account: b) == [b])
    }

    @Test func holdsFinishedAccountsWhileAReaderHasNotStartedItsLoop() async {
        let readers = InventoryReaders()
        await readers.register([r0, r1, r2])
        _ = await readers.visit(r0, accounts: [a, b])
        #expect(await readers.finish(r0, account: a).isEmpty)
        #expect(await readers.finish(r0, account: b).isEmpty)
        // Reader 1 visits `a` again, so only `b` can go once reader 2 finishes without a loop.
        #expect(await readers.visit(r1, accounts: [a]).isEmpty)
        #expect(await readers.settle(r2) == [b])
        #expect(await readers.finish(r1, account: a) == [a])
    }

    @Test func aReaderFinishingAnAccountTwiceDoesNotFreeItForAnother() async {
        let readers = InventoryReaders()
        await readers.register([r0, r1])
        _ = await readers.visit(r0, accounts: [a])
        _ = await readers.visit(r1, accounts: [a])
        #expect(await readers.finish(r0, account: a).isEmpty)
        #expect(await readers.finish(r0, account: a).isEmpty)
        #expect(await readers.finish(r1, account: a) == [a])
    }

    @Test func freesNothingUntilReadersAreExpected() async {
        let readers = InventoryReaders()
        #expect(await readers.visit(r0, accounts: [a]).isEmpty)
        #expect(await readers.finish(r0, account: a).isEmpty)
        #expect(await readers.settle(r0).isEmpty)
    }
}
