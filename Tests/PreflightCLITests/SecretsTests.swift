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
        let forms = runs.secrets.map { ($0, Self.encodedForms(of: $0)) }
        for (name, data) in outputs {
            let text = String(decoding: data, as: UTF8.self)
            for (secret, encodings) in forms {
                for (form, encoded) in encodings where text.contains(encoded) {
                    Issue.record("\(phase): \(name) contains the secret \(secret.prefix(4))… (\(form))")
                }
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
        // Trace logging was on: the credential lookup's log line is there, so that the search for secrets covered
        // the log (an empty or unrelated stderr fails this).
        for run in [runs.pre, runs.post] {
            let lines = run.run.stderr.split(separator: "\n").filter { $0.contains(" debug preflight: ") }
            #expect(lines.contains { $0.hasSuffix("[AWSCore] found credentials in environment variables") }, "\(run.phase): \(lines.prefix(5))")
        }
    }

    /// `secret` as it would appear written plainly, JSON-escaped (with and without `\/`), HTML-escaped,
    /// percent-encoded (strictly, as SigV4 does, or as a URL query does) and base64-encoded (standard or URL-safe, at each of the three
    /// alignments it can have inside a longer encoded text).
    static func encodedForms(of secret: String) -> [(form: String, text: String)] {
        var forms: [(form: String, text: String)] = [("plain", secret)]
        if let data = try? JSONEncoder().encode(secret) {
            let json = String(decoding: data, as: UTF8.self).dropFirst().dropLast()
            forms.append(("JSON-escaped", String(json)))
            forms.append(("JSON-escaped", json.replacingOccurrences(of: "/", with: #"\/"#)))
        }
        let entities = [("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\"", "&quot;"), ("'", "&#39;")]
        let html = entities.reduce(secret) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
        forms.append(("HTML-escaped", html))
        forms.append(("HTML-escaped", html.replacingOccurrences(of: "&#39;", with: "&#x27;")))
        // Every character but letters and digits; RFC 3986's unreserved ones kept (SigV4's encoding); a query's.
        let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        for allowed in [CharacterSet.alphanumerics, unreserved, .urlQueryAllowed] {
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: allowed) {
                forms.append(("percent-encoded", encoded))
                forms.append(("percent-encoded", encoded.replacingOccurrences(of: "%20", with: "+")))
            }
        }
        for offset in 0..<3 {
            // Skip the first group (it holds the filler) and the last (it holds the padding): what is left is what
            // every encoding of a text holding the secret at this alignment contains.
            let standard = (Data(repeating: 0, count: offset) + Data(secret.utf8)).base64EncodedString()
            let core = String(standard.dropFirst(offset == 0 ? 0 : 4).dropLast(4))
            guard core.count >= 8 else { continue }
            forms.append(("base64", core))
            forms.append(("base64url", core.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")))
        }
        return forms.filter { !$0.text.isEmpty }
    }

    /// Each encoding of a secret is found inside longer encoded texts, wherever the secret sits in them.
    @Test func everyEncodedFormOfASecretIsFound() throws {
        let secret = "wJalr/K7MD+ENG=bPxR&<'\"> key"
        let forms = Self.encodedForms(of: secret).map { $0.text }
        func found(_ text: String) -> Bool { forms.contains { text.contains($0) } }
        #expect(!found("wJalr K7MD ENG bPxR"))
        let json = try JSONSerialization.data(withJSONObject: ["message": "token \(secret) echoed"])
        #expect(found(String(decoding: json, as: UTF8.self)))
        #expect(found(String(decoding: try JSONEncoder().encode(["message": secret]), as: UTF8.self)))
        #expect(found(#"<td title="wJalr/K7MD+ENG=bPxR&amp;&lt;&#39;&quot;&gt; key">"#))
        #expect(found(#"<td>wJalr/K7MD+ENG=bPxR&amp;&lt;&#x27;&quot;&gt; key</td>"#))
        #expect(found("X-Amz-Security-Token=wJalr%2FK7MD%2BENG%3DbPxR%26%3C%27%22%3E%20key&X-Amz-Date=1"))
        for prefix in ["", "a", "ab", "abc"] {
            for suffix in ["", "z", "yz"] {
                let base64 = Data((prefix + secret + suffix).utf8).base64EncodedString()
                #expect(found("Basic " + base64), "\(prefix)…\(suffix)")
                #expect(found(base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")))
            }
        }
    }

    static func report(_ run: SampleRuns.PhaseRun) throws -> [[String: Any]] {
        let data = try #require(run.files.first { $0.key.hasSuffix("/report.json") }?.value)
        return ((try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]).reportResults
    }
}
