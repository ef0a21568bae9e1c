import AWSCore
import Foundation
import Testing

/// The published least-privilege policies (rules/iam/) grant only operations the client can send, all of them
/// reads, without wildcards.
@Suite struct PolicyDocumentTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("rules/iam")

    static func actions(of name: String) throws -> [String] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(document["Version"] as? String == "2012-10-17")
        let statements = try #require(document["Statement"] as? [[String: Any]])
        #expect(!statements.isEmpty)
        return try statements.flatMap { statement in
            #expect(statement["Effect"] as? String == "Allow")
            #expect(statement["NotAction"] == nil && statement["NotResource"] == nil && statement["Condition"] == nil)
            let action = statement["Action"]
            return try #require((action as? [String]) ?? (action as? String).map { [$0] })
        }
    }

    @Test(arguments: ["preflight-management.json", "preflight-member.json"])
    func everyActionIsAnOperationOfTheClient(_ name: String) throws {
        let operations = Set(ReadOnlyOperation.allCases.map(\.actionName))
        let services: Set<String> = [
            "organizations", "cloudformation", "iam", "ec2", "ssm", "sts", "secretsmanager", "kms", "s3", "servicequotas",
            "account",
        ]
        let actions = try Self.actions(of: name)
        #expect(!actions.isEmpty)
        #expect(Set(actions).count == actions.count, "duplicate actions")
        for action in actions {
            let parts = action.split(separator: ":").map(String.init)
            #expect(parts.count == 2 && services.contains(parts[0]) && operations.contains(parts[1]), "\(action)")
            #expect(!action.contains("*") && !action.contains("?"), "\(action)")
        }
    }

    @Test func onlyTheManagementPolicyAssumesRolesAndOnlyTheMemberPolicyReadsParameters() throws {
        let management = try Self.actions(of: "preflight-management.json")
        let member = try Self.actions(of: "preflight-member.json")
        #expect(management.contains("sts:AssumeRole") && !member.contains("sts:AssumeRole"))
        #expect(member.contains("ssm:GetParameters") && !management.contains("ssm:GetParameters"))
        // The secret's metadata and policies, never its value nor its decryption.
        #expect(!(management + member).contains { $0 == "secretsmanager:GetSecretValue" || $0 == "kms:Decrypt" })
    }
}
