import Foundation
import Testing

@testable import PreflightEngine

/// The fuzzers' kept corpora (Tests/Fuzz/Corpus/RuleLoader and ParametersFile), replayed on every test run without
/// the sanitizers: every input loads or throws the one-line error that names the file and line.
@Suite struct FuzzCorpusTests {
    static let corpora = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/Corpus")

    static func inputs(_ target: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(
            at: corpora.appendingPathComponent(target), includingPropertiesForKeys: nil)
    }

    @Test func everyKeptRuleInputLoadsOrThrowsARuleLoadError() throws {
        let files = try Self.inputs("RuleLoader")
        #expect(files.count >= 10)
        let loader = RuleLoader()
        for file in files {
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            for load in [{ _ = try loader.parse(text, file: "fuzz.yaml") }, { _ = try loader.parseDeployment(text, file: "deployment.yaml") }] {
                do {
                    try load()
                } catch let error as RuleLoadError {
                    #expect(!error.description.contains("\n"), "\(file.lastPathComponent): \(error)")
                } catch {
                    Issue.record("\(file.lastPathComponent): \(type(of: error)) \(error)")
                }
            }
        }
    }

    @Test func everyKeptParametersInputParsesOrThrowsAParametersFileError() throws {
        let files = try Self.inputs("ParametersFile")
        #expect(files.count >= 10)
        for file in files {
            do {
                _ = try DeploymentParameters.parse(try Data(contentsOf: file), file: "params.json")
            } catch let error as ParametersFileError {
                #expect(error.file == "params.json" && error.line >= 1, "\(file.lastPathComponent): \(error)")
                #expect(!error.description.contains("\n"), "\(file.lastPathComponent): \(error)")
            } catch {
                Issue.record("\(file.lastPathComponent): \(type(of: error)) \(error)")
            }
        }
    }
}
