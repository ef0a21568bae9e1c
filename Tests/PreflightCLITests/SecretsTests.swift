import Foundation
import Testing

/// Secrets never leave the process: not the API key of the parameters file, not the dsTenantId and dsToken values
/// read from SSM, not the caller's secret key, not the session credentials of an assumed role — in no output
/// format, not on stdout or stderr, not with trace logging.
@Suite struct SecretsTests {
    @Test(arguments: ["pre", "post"])
    func noSecretInAnyOutput(phase: String) async throws {
        let runs = try await SampleRuns.shared.value
        let run = phase == "pre" ? runs.pre : runs.post
        #expect(runs.secrets.count > SampleRuns.scenarioSecrets.count + 3, "the emulator's STS secrets were not collected")
        #expect([1, 3].contains(run.run.status), "\(phase): exit \(run.run.status): \(run.run.stderr.suffix(2000))")
        #expect(!run.run.stdout.isEmpty)
        #expect(run.files.count >= 1 + runs.formatFlags.count)
        let outputs = [("stdout", Data(run.run.stdout.utf8)), ("stderr", Data(run.run.stderr.utf8))] + run.files.sorted { $0.key < $1.key }
        for (name, data) in outputs {
            let text = String(decoding: data, as: UTF8.self)
            for secret in runs.secrets where text.contains(secret) {
                Issue.record("\(phase): \(name) contains the secret \(secret.prefix(4))…")
            }
        }
    }

    @Test func theSecretsWereInPlay() async throws {
        let runs = try await SampleRuns.shared.value
        let pre = try Self.report(runs.pre)
        #expect(pre.contains { $0["resource"] as? String == "CloudOneAPIKey" && $0["status"] as? String == "pass" })
        let post = try Self.report(runs.post)
        let tenant = post.filter { $0["ruleId"] as? String == "ssm-parameters" && $0["resource"] as? String == "dsTenantId" }
        #expect(tenant.contains { $0["status"] as? String == "fail" && ($0["message"] as? String)?.contains("not shown") == true })
        #expect(runs.post.operations.contains("ssm:GetParameters"))
        #expect(runs.pre.run.stderr.contains("trace") || runs.pre.run.stderr.contains("debug") || !runs.pre.run.stderr.isEmpty,
                "trace logging produced no output")
    }

    static func report(_ run: SampleRuns.PhaseRun) throws -> [[String: Any]] {
        let data = try #require(run.files.first { $0.key.hasSuffix("/report.json") }?.value)
        return ((try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]).reportResults
    }
}
