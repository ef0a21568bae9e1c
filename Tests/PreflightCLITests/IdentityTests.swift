import EmulatorSupport
import Foundation
import Testing

/// Without a working AWS identity the run is one sentence on stderr, one `aws-identity` error in the reports and
/// exit 3, not one error per rule.
@Suite struct IdentityTests {
    func expectOneSentence(_ run: PreflightBinary.Run, _ cli: PreflightBinary, _ sentence: (String) -> Bool) throws {
        #expect(run.status == 3)
        let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "\(run.stderr)")
        #expect(sentence(String(lines.first ?? "")), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let results = try cli.report("report.json").reportResults
        #expect(results.count == 1)
        #expect(results.first?["ruleId"] as? String == "aws-identity")
        #expect(results.first?["status"] as? String == "error")
        #expect(results.first?["message"] as? String == String(lines.first ?? ""))
    }

    @Test func noCredentialsAtAllIsOneSentenceNamingWhatWasTried() throws {
        let cli = try PreflightBinary()
        let run = try cli.run(["check", "--phase", "pre", "--json", cli.file("report.json").path])
        try expectOneSentence(run, cli) {
            $0 == #"no AWS credentials: tried environment, profile "default" (~/aws-credentials, ~/aws-config), "#
                + "container credentials, instance metadata; set AWS_PROFILE or run aws configure"
        }
    }

    /// Keys that STS does not know (wrong keys, a deleted user) are refused by the first call: one sentence.
    @Test func rejectedCredentialsAreOneSentence() throws {
        let emulator = try EmulatorProcess()
        let cli = try PreflightBinary(
            endpoint: emulator.endpoint,
            environment: ["AWS_ACCESS_KEY_ID": "AKIAUNKNOWNTOTHEEMU", "AWS_SECRET_ACCESS_KEY": "wrong-secret-key"])
        let run = try cli.run(["check", "--phase", "post", "--json", cli.file("report.json").path])
        try expectOneSentence(run, cli) { $0.contains("sts:GetCallerIdentity") && $0.contains("InvalidClientTokenId") }
        #expect(!run.stderr.contains("wrong-secret-key"))
        // The rules start with the identity lookup and stop when it fails: the few calls already sent were refused too
        // (the emulator may still be answering them when preflight has exited: wait until the count settles).
        Thread.sleep(forTimeInterval: 1)
        var refused = try emulator.signatureFailures()
        for _ in 0..<25 {
            Thread.sleep(forTimeInterval: 0.2)
            let again = try emulator.signatureFailures()
            if again.count == refused.count { break }
            refused = again
        }
        #expect(refused.contains { $0["operation"] as? String == "GetCallerIdentity" })
        #expect(refused.count < 10 && refused.allSatisfy { $0["error"] as? String == "InvalidClientTokenId" }, "\(refused)")
        try emulator.resetSignatureFailures()
    }

    /// A `--profile` that names no profile is bad input (exit 2), said in one line before anything runs.
    @Test func aNamedProfileThatDoesNotExistIsBadInput() throws {
        let cli = try PreflightBinary()
        let run = try cli.run(["check", "--phase", "pre", "--profile", "nowhere", "--json", cli.file("report.json").path])
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1 && run.stderr.contains("nowhere"), "\(run.stderr)")
    }
}
