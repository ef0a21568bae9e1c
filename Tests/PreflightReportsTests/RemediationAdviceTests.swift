import Testing

@testable import PreflightReports

@Suite struct RemediationAdviceTests {
    @Test func identicalAdviceIsKept() {
        #expect(RemediationAdvice.common(["Fix it.\n", "Fix it.\n"]) == "Fix it.\n")
    }

    @Test func specificStatementsGiveWayToTheSharedGeneralAdvice() {
        let general = "Add each missing action to the deployer's identity policy.\n"
        let advice = RemediationAdvice.common([
            "Add to the identity policy of R:\n{\"Action\": \"iam:CreateRole\"}\n" + general,
            "Add to the identity policy of R:\n{\"Action\": \"cloudformation:CreateStackSet\"}\n" + general,
        ])
        #expect(advice == general)
    }

    @Test func nothingInCommonIsEmpty() {
        #expect(RemediationAdvice.common(["a", "b"]) == "")
        #expect(RemediationAdvice.common([]) == "")
    }
}
