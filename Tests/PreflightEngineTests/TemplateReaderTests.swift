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
        #expect(model.lambdaFunction == defaults.lambdaFunction)
        #expect(model.lambdaFunction == .init(logicalId: "AgentDeploymentScriptFunction", runtime: "python3.9"))
        #expect(model.staging == defaults.staging)
        #expect(model.staging.lambdaCodeKey == "${QSS3KeyPrefix}/lambda_functions/packages/AgentDeploymentScriptFunction/lambda.zip")
        let fromTemplate = try policyObjects(model.lambdaPolicies)
        let bundled = try policyObjects(defaults.lambdaPolicies)
        #expect(Set(fromTemplate) == Set(bundled))
    }

    /// A template whose every fact differs from the bundled model's: another StackSet name and regions, other SSM
    /// parameters (patterns from the outer and the inner template, secrecy from `NoEcho`), another association
    /// (scalar, list and `!Ref` parameters, `!Ref` targets and schedule) and another Lambda role and policies.
    static let differentTemplate = #"""
        Parameters:
          ProxyUrl:
            Type: String
            AllowedPattern: '^https://proxy\.example$'
          ApiSecret:
            Type: String
            NoEcho: true
          Schedule:
            Type: String
        Resources:
          Sets:
            Type: AWS::CloudFormation::StackSet
            Properties:
              StackSetName: Custom-StackSet
              StackInstancesGroup:
                - Regions: [eu-south-1, ap-east-1]
                - Regions: [me-central-1]
              TemplateBody: |
                Parameters:
                  ProxyUrl:
                    Type: String
                  ApiSecret:
                    Type: String
                    AllowedPattern: '^[a-z]{32}$'
                  Schedule:
                    Type: String
                    Default: 'rate(6 hours)'
                  Mode:
                    Type: String
                    Default: Audit
                  Key:
                    Type: String
                    Default: 'tag:Team'
                  Team:
                    Type: String
                    Default: blue
                Resources:
                  Proxy:
                    Type: AWS::SSM::Parameter
                    Properties:
                      Name: proxyUrl
                      Value: !Ref ProxyUrl
                  Secret:
                    Type: AWS::SSM::Parameter
                    Properties:
                      Name: apiSecret
                      Value: !Ref ApiSecret
                  Agent:
                    Type: AWS::SSM::Association
                    Properties:
                      AssociationName: CustomAssociation
                      Name: Custom-Document
                      ScheduleExpression: !Ref Schedule
                      Parameters:
                        mode: !Ref Mode
                        levels: [low, high]
                      Targets:
                        - Key: !Ref Key
                          Values: [!Ref Team, green]
          CustomFunction:
            Type: AWS::Lambda::Function
            Properties:
              Runtime: python3.13
              Handler: app.handler
          CustomLambdaRole:
            Type: AWS::IAM::Role
            Properties:
              ManagedPolicyArns:
                - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
              Policies:
                - PolicyName: Read
                  PolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Action: [ssm:GetParameter]
                        Resource: !Sub 'arn:${AWS::Partition}:ssm:*:*:parameter/${ApiSecret}'
                      - Effect: Deny
                        Action: s3:*
                        Resource: [!Ref ProxyUrl, !GetAtt Sets.Arn]
        """#

    func read(_ template: String) throws -> DeploymentModel {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("template-\(UUID().uuidString).yaml")
        try template.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try TemplateReader().read(path: file.path, defaults: try defaults())
    }

    /// Each field comes from the template, not from the defaults the reader starts from.
    @Test func everyFieldIsReadFromTheTemplate() throws {
        let defaults = try defaults()
        let model = try read(Self.differentTemplate)
        #expect(model.stackSetName == "Custom-StackSet")
        #expect(model.regions == ["eu-south-1", "ap-east-1", "me-central-1"])
        #expect(model.parameters == [
            .init(name: "proxyUrl", pattern: #"^https://proxy\.example$"#, secret: false),
            .init(name: "apiSecret", pattern: "^[a-z]{32}$", secret: true),
        ])
        #expect(model.association.name == "CustomAssociation")
        #expect(model.association.document == "Custom-Document")
        #expect(model.association.parameters == ["mode": ["Audit"], "levels": ["low", "high"]])
        #expect(model.association.targets == [.init(key: "tag:Team", values: ["blue", "green"])])
        #expect(model.association.defaultSchedule == "rate(6 hours)")
        #expect(model.lambdaRoleLogicalId == "CustomLambdaRole")
        #expect(model.lambdaFunction == .init(logicalId: "CustomFunction", runtime: "python3.13"))
        let policies = try policyObjects(model.lambdaPolicies)
        let expected = try policyObjects([
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm:GetParameter"],"#
                + #""Resource":"arn:${AWS::Partition}:ssm:*:*:parameter/${ApiSecret}"},"#
                + #"{"Effect":"Deny","Action":"s3:*","Resource":["${ProxyUrl}","${Sets.Arn}"]}]}"#,
            try #require(TemplateReader.managedPolicies["AWSLambdaBasicExecutionRole"]),
        ])
        #expect(policies == expected)
        // The template differs from the defaults in every field it can state; the service principal it cannot.
        #expect(model.stackSetName != defaults.stackSetName)
        #expect(Set(model.regions).isDisjoint(with: defaults.regions))
        #expect(Set(model.parameters.map(\.name)).isDisjoint(with: defaults.parameters.map(\.name)))
        #expect(model.association.name != defaults.association.name)
        #expect(model.association.document != defaults.association.document)
        #expect(Set(model.association.parameters.keys).isDisjoint(with: defaults.association.parameters.keys))
        #expect(model.association.targets != defaults.association.targets)
        #expect(model.association.defaultSchedule != defaults.association.defaultSchedule)
        #expect(model.lambdaRoleLogicalId != defaults.lambdaRoleLogicalId)
        #expect(model.lambdaFunction.logicalId != defaults.lambdaFunction.logicalId)
        #expect(model.lambdaFunction.runtime != defaults.lambdaFunction.runtime)
        #expect(Set(policies).isDisjoint(with: try policyObjects(Array(defaults.lambdaPolicies.dropLast()))))
        #expect(model.stackSetsServicePrincipal == defaults.stackSetsServicePrincipal)
    }

    /// A parameter's pattern falls back to the defaults' pattern of the same name, then to any value.
    @Test func aParameterWithoutPatternTakesTheDefaultsOrAnyValue() throws {
        let template = Self.differentTemplate
            .replacingOccurrences(of: "Name: proxyUrl", with: "Name: dsToken")
            .replacingOccurrences(of: "Name: apiSecret", with: "Name: plain")
            .replacingOccurrences(of: "    AllowedPattern: '^https://proxy\\.example$'\n", with: "")
            .replacingOccurrences(of: "            AllowedPattern: '^[a-z]{32}$'\n", with: "")
        #expect(!template.contains("AllowedPattern") && !template.contains("proxyUrl") && !template.contains("apiSecret"))
        let defaults = try defaults()
        let model = try read(template)
        let dsToken = try #require(defaults.parameters.first { $0.name == "dsToken" })
        #expect(model.parameters == [
            .init(name: "dsToken", pattern: dsToken.pattern, secret: false), .init(name: "plain", pattern: ".*", secret: true),
        ])
    }

    @Test func changedRegionsAreRead() throws {
        let source = try String(contentsOfFile: Self.templates + "/c1ws-ssm-orgs.template.yaml", encoding: .utf8)
        let edited = source.replacingOccurrences(of: "            - sa-east-1\n", with: "            - sa-east-1\n            - af-south-1\n")
        #expect(edited != source)
        let model = try read(edited)
        #expect(model.regions.count == 17)
        #expect(model.regions.last == "af-south-1")
    }

    /// A function whose runtime is not a literal (a `!Ref`, or none) cannot be judged: the template is rejected.
    @Test func aFunctionWithoutLiteralRuntimeIsRejected() throws {
        let template = Self.differentTemplate.replacingOccurrences(of: "Runtime: python3.13", with: "Runtime: !Ref Schedule")
        #expect(template != Self.differentTemplate)
        #expect(throws: TemplateError.self) { try read(template) }
    }

    @Test func aTemplateWithoutStackSetIsRejected() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString).yaml")
        try "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: TemplateError.self) { try TemplateReader().read(path: file.path, defaults: try defaults()) }
    }
}
