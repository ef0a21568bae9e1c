import Foundation
import Testing

/// The sample organization's reports, pre and post, in every machine-readable format and as printed, equal the
/// golden files in Golden/sample/ once what legitimately varies between runs is normalized (GoldenNormalizer).
/// Regenerate them with `PREFLIGHT_UPDATE_GOLDEN=1 swift test --filter SampleReportGoldenTests`, then review the
/// diff: a change there is a change of what users see.
@Suite struct SampleReportGoldenTests {
    /// The reports compared, by golden file name: JSON, the text printed on stdout, SARIF and JUnit.
    static func reports(_ phase: SampleRuns.PhaseRun) throws -> [(golden: String, text: String)] {
        func file(_ name: String) throws -> Data {
            guard let data = phase.files.first(where: { $0.key.hasSuffix("/\(phase.phase)/\(name)") })?.value else {
                throw MissingReport(name: name, written: phase.files.keys.sorted())
            }
            return data
        }
        return [
            ("report.json", try canonicalJSON(file("report.json"))),
            ("stdout.txt", phase.run.stdout),
            ("report.sarif", try canonicalJSON(file("report.sarif"))),
            ("report.junit.xml", String(decoding: try file("report.junit"), as: UTF8.self)),
        ]
    }

    struct MissingReport: Error, CustomStringConvertible {
        var name: String
        var written: [String]
        var description: String { "the run wrote no \(name) (it wrote \(written))" }
    }

    /// JSON with sorted keys, pretty-printed: the comparison is about values, not about key order.
    static func canonicalJSON(_ data: Data) throws -> String {
        let object = try JSONSerialization.jsonObject(with: data)
        let text = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        return String(decoding: text, as: UTF8.self) + "\n"
    }

    @Test(arguments: ["pre", "post"])
    func sampleReportsMatchGolden(_ phase: String) async throws {
        let runs = try await SampleRuns.shared.value
        let run = phase == "pre" ? runs.pre : runs.post
        var normalizer = GoldenNormalizer()
        for report in try Self.reports(run) {
            let text = normalizer.normalize(report.text)
            #expect(try CLIRunner.matchesGolden(text, "sample/\(phase)/\(report.golden)"), "sample/\(phase)/\(report.golden) differs")
        }
    }

    @Test func normalizerNumbersEachDistinctIdAndFixesTimes() {
        var normalizer = GoldenNormalizer()
        let text = normalizer.normalize(
            #"{"accountId": "836880375523", "at": "2026-12-01T20:35:54.120Z", "durationSeconds": 1.25, "#
                + #""others": ["390695500465", "836880375523"], "instance": "i-0a1b2c3d4e5f60718"}"#)
        #expect(text == #"{"accountId": "<account-1>", "at": "<timestamp>", "durationSeconds": <duration>, "#
            + #""others": ["<account-2>", "<account-1>"], "instance": "<instance-1>"}"#)
        #expect(normalizer.normalize("390695500465 took 3 min 05 s") == "<account-2> took <duration>")
    }
}
