import AWSXML
import Foundation
import Testing

@Suite struct IAMDecodingTests {
    let decoder = AWSXMLDecoder()

    @Test func simulatePrincipalPolicy() throws {
        let result = try decoder.decode(
            SimulationResult.self, from: try Fixture.bytes("iam-simulate-principal-policy"),
            resultPath: ["SimulatePrincipalPolicyResult"]
        )
        #expect(result.isTruncated)
        #expect(result.marker == "AAJSb2xlTWFya2VyAQ==")
        #expect(result.evaluationResults.count == 3)

        let allowed = result.evaluationResults[0]
        #expect(allowed.evalActionName == "ssm:SendCommand")
        #expect(allowed.evalResourceName == "arn:aws:ec2:us-east-1:123456789012:instance/*")
        #expect(allowed.evalDecision == .allowed)
        #expect(allowed.matchedStatements == [
            Statement(
                sourcePolicyId: "AmazonSSMFullAccess", sourcePolicyType: "aws-managed",
                startPosition: Position(line: 3, column: 17), endPosition: Position(line: 21, column: 6)
            ),
        ])
        #expect(allowed.missingContextValues == ["aws:ResourceTag/Environment", "ssm:resourceTag/Team"])
        #expect(allowed.evalDecisionDetails == ["IAM Policy": "allowed", "Permissions Boundary Policy": "allowed"])
        #expect(allowed.organizationsDecisionDetail?.allowedByOrganizations == true)
        #expect(allowed.permissionsBoundaryDecisionDetail?.allowedByPermissionsBoundary == true)

        let implicit = result.evaluationResults[1]
        #expect(implicit.evalDecision == .implicitDeny)
        #expect(implicit.matchedStatements.isEmpty)
        #expect(implicit.missingContextValues.isEmpty)
        #expect(implicit.evalDecisionDetails.isEmpty)
        #expect(implicit.organizationsDecisionDetail?.allowedByOrganizations == false)
        #expect(implicit.permissionsBoundaryDecisionDetail == nil)

        let explicit = result.evaluationResults[2]
        #expect(explicit.evalDecision == .explicitDeny)
        #expect(explicit.matchedStatements.first?.sourcePolicyId == "DenyDescribe")
        #expect(explicit.matchedStatements.first?.startPosition == nil)
        #expect(explicit.organizationsDecisionDetail == nil)
    }

    @Test func getRole() throws {
        let result = try decoder.decode(
            GetRoleResult.self, from: try Fixture.bytes("iam-get-role"), resultPath: ["GetRoleResult"]
        )
        let role = result.role
        #expect(role.roleName == "S3Access")
        #expect(role.path == "/application_abc/component_xyz/")
        #expect(role.arn == "arn:aws:iam::123456789012:role/application_abc/component_xyz/S3Access")
        #expect(role.roleId == "AROADBQP57FF2AEXAMPLE")
        #expect(role.createDate == utc(2012, 5, 8, 23, 34, 1))
        #expect(role.maxSessionDuration == 3600)
        #expect(role.description == "")
        #expect(role.assumeRolePolicyDocument?.contains("\"sts:AssumeRole\"") == true)
        #expect(role.tags == [
            Tag(key: "team", value: "security & compliance"),
            Tag(key: "cost-center", value: "<cc-1234>"),
        ])
        let lastUsed = try #require(role.roleLastUsed)
        #expect(lastUsed.region == "us-east-1")
        let expected = utc(2019, 11, 20, 17, 9, 20).addingTimeInterval(0.123)
        #expect(abs(try #require(lastUsed.lastUsedDate).timeIntervalSince(expected)) < 0.000_001)
        #expect(role.permissionsBoundary == nil)
    }
}

private struct SimulationResult: Decodable {
    let evaluationResults: [EvaluationResult]
    let isTruncated: Bool
    let marker: String?

    enum CodingKeys: String, CodingKey {
        case evaluationResults = "EvaluationResults"
        case isTruncated = "IsTruncated"
        case marker = "Marker"
    }
}

private enum Decision: String, Decodable {
    case allowed
    case explicitDeny
    case implicitDeny
}

private struct EvaluationResult: Decodable {
    let evalActionName: String
    let evalResourceName: String?
    let evalDecision: Decision
    let matchedStatements: [Statement]
    let missingContextValues: [String]
    let evalDecisionDetails: [String: String]
    let organizationsDecisionDetail: OrganizationsDecisionDetail?
    let permissionsBoundaryDecisionDetail: PermissionsBoundaryDecisionDetail?

    enum CodingKeys: String, CodingKey {
        case evalActionName = "EvalActionName"
        case evalResourceName = "EvalResourceName"
        case evalDecision = "EvalDecision"
        case matchedStatements = "MatchedStatements"
        case missingContextValues = "MissingContextValues"
        case evalDecisionDetails = "EvalDecisionDetails"
        case organizationsDecisionDetail = "OrganizationsDecisionDetail"
        case permissionsBoundaryDecisionDetail = "PermissionsBoundaryDecisionDetail"
    }
}

private struct Statement: Decodable, Equatable {
    let sourcePolicyId: String?
    let sourcePolicyType: String?
    let startPosition: Position?
    let endPosition: Position?

    enum CodingKeys: String, CodingKey {
        case sourcePolicyId = "SourcePolicyId"
        case sourcePolicyType = "SourcePolicyType"
        case startPosition = "StartPosition"
        case endPosition = "EndPosition"
    }
}

private struct Position: Decodable, Equatable {
    let line: Int
    let column: Int

    enum CodingKeys: String, CodingKey {
        case line = "Line"
        case column = "Column"
    }
}

private struct OrganizationsDecisionDetail: Decodable, Equatable {
    let allowedByOrganizations: Bool

    enum CodingKeys: String, CodingKey {
        case allowedByOrganizations = "AllowedByOrganizations"
    }
}

private struct PermissionsBoundaryDecisionDetail: Decodable, Equatable {
    let allowedByPermissionsBoundary: Bool

    enum CodingKeys: String, CodingKey {
        case allowedByPermissionsBoundary = "AllowedByPermissionsBoundary"
    }
}

private struct GetRoleResult: Decodable {
    let role: Role

    enum CodingKeys: String, CodingKey {
        case role = "Role"
    }
}

private struct Role: Decodable {
    struct LastUsed: Decodable {
        let lastUsedDate: Date?
        let region: String?

        enum CodingKeys: String, CodingKey {
            case lastUsedDate = "LastUsedDate"
            case region = "Region"
        }
    }

    struct PermissionsBoundary: Decodable {
        let permissionsBoundaryArn: String

        enum CodingKeys: String, CodingKey {
            case permissionsBoundaryArn = "PermissionsBoundaryArn"
        }
    }

    let path: String
    let roleName: String
    let roleId: String
    let arn: String
    let createDate: Date
    let assumeRolePolicyDocument: String?
    let description: String?
    let maxSessionDuration: Int?
    let permissionsBoundary: PermissionsBoundary?
    let tags: [Tag]
    let roleLastUsed: LastUsed?

    enum CodingKeys: String, CodingKey {
        case path = "Path"
        case roleName = "RoleName"
        case roleId = "RoleId"
        case arn = "Arn"
        case createDate = "CreateDate"
        case assumeRolePolicyDocument = "AssumeRolePolicyDocument"
        case description = "Description"
        case maxSessionDuration = "MaxSessionDuration"
        case permissionsBoundary = "PermissionsBoundary"
        case tags = "Tags"
        case roleLastUsed = "RoleLastUsed"
    }
}

private struct Tag: Decodable, Equatable {
    let key: String
    let value: String

    enum CodingKeys: String, CodingKey {
        case key = "Key"
        case value = "Value"
    }
}
