import Testing

@testable import AWSCore

@Suite struct ReadOnlyOperationTests {
    /// The client can only send these operations; every one reads. `AssumeRoleWithWebIdentity` is the credential
    /// exception, used only by the web-identity credential provider.
    @Test func everyOperationReads() {
        let prefixes = ["Get", "List", "Describe", "Simulate", "Head"]
        let credentialCalls: Set<String> = ["AssumeRole", "AssumeRoleWithWebIdentity"]
        for operation in ReadOnlyOperation.allCases {
            #expect(prefixes.contains { operation.name.hasPrefix($0) } || credentialCalls.contains(operation.name), "\(operation.name)")
        }
    }
}
