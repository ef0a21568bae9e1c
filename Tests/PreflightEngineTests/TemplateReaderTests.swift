import Foundation
import Testing

@testable import PreflightEngine

@Suite struct TemplateReaderTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let templates = root.appendingPathComponent("Tests/Emulator/templates").path

    func defaults() throws -> DeploymentModel {
        try RuleLoader().loadRuleSet(directory: Self.root.appendingPathComponent("rules")).deployment
    }

    func policyObjects(_ documents: [String]) throws -> [NSDictionary] {
        try documents.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? NSDictionary) }
    }

    /// The bundled deployment model says exactly what the real templates say.
    @Test func realTemplatesMatchTheBundledModel() throws {
        let defaults = try defaults()
        let model = try TemplateReader().read(path: Self.templates, defaults: defaults)
        #expect(model.stackSetName == "C1WS-SSM-StackSet")
        #expect(model.regions == defaults.regions)
        #expect(model.parameters == defaults.parameters)
        #expect(model.association == defaults.association)
        #expect(model.lambdaRoleLogicalId == "LambdaExecutionRole")
        let fromTemplate = try policyObjects(model.lambdaPolicies)
        let bundled = try policyObjects(defaults.lambdaPolicies)
        #expect(Set(fromTemplate) == Set(bundled))
    }

    @Test func changedRegionsAreRead() throws {
        let source = try String(contentsOfFile: Self.templates + "/c1ws-ssm-orgs.template.yaml", encoding: .utf8)
        let edited = source.replacingOccurrences(of: "            - sa-east-1\n", with: "            - sa-east-1\n            - af-south-1\n")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stackset-\(UUID().uuidString).yaml")
        try edited.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let model = try TemplateReader().read(path: file.path, defaults: try defaults())
        #expect(model.regions.count == 17)
        #expect(model.regions.last == "af-south-1")
    }

    @Test func aTemplateWithoutStackSetIsRejected() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString).yaml")
        try "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: TemplateError.self) { try TemplateReader().read(path: file.path, defaults: try defaults()) }
    }
}
