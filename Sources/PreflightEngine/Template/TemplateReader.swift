import AWSCore
import Foundation
import Yams

/// Reads the deployment's facts — the StackSet's regions and name, the parameters and association it creates,
/// the Lambda function's runtime and its role's policies — from the CloudFormation templates themselves
/// (`--template`), resolving the `!Ref`, `!Sub` and `!GetAtt` tags the templates use.
public struct TemplateReader: Sendable {
    /// Policies of AWS managed policies the templates attach, which cannot be read offline.
    static let managedPolicies: [String: String] = [
        "AWSLambdaBasicExecutionRole":
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}"#
    ]

    public init() {}

    /// Reads a template file, or every `*.yaml`/`*.yml`/`*.json` template of a directory, over `defaults`.
    public func read(path: String, defaults: DeploymentModel) throws -> DeploymentModel {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TemplateError(file: path, line: 0, message: "no such file or directory")
        }
        let files: [String]
        if isDirectory.boolValue {
            files = (try FileManager.default.contentsOfDirectory(atPath: path)).sorted()
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }
                .map { (path as NSString).appendingPathComponent($0) }
        } else {
            files = [path]
        }
        var model = defaults
        var foundStackSet = false
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw TemplateError(file: file, line: 0, message: "cannot read the file as UTF-8 text")
            }
            let template = try parse(text, file: file)
            if try apply(stackSetOf: template, file: file, to: &model) { foundStackSet = true }
            try apply(lambdaRoleOf: template, file: file, to: &model)
            try apply(lambdaFunctionOf: template, file: file, to: &model)
            try apply(nestedStacksOf: template, file: file, to: &model)
        }
        guard foundStackSet else {
            throw TemplateError(file: path, line: 0, message: "no AWS::CloudFormation::StackSet resource found")
        }
        return model
    }

    func parse(_ text: String, file: String) throws -> Node {
        do {
            guard let node = try Yams.compose(yaml: text), node.mapping != nil else {
                throw TemplateError(file: file, line: 1, message: "a template must be a mapping")
            }
            return node
        } catch let error as YamlError {
            let rule = RuleLoader.error(from: error, file: file)
            throw TemplateError(file: file, line: rule.line, message: rule.message)
        }
    }

    /// The StackSet resource: name, regions, and from its template body the parameters and the association.
    func apply(stackSetOf template: Node, file: String, to model: inout DeploymentModel) throws -> Bool {
        guard let (_, stackSet) = resources(of: template).first(where: { $0.1["Type"]?.string == "AWS::CloudFormation::StackSet" }),
            let properties = stackSet["Properties"]
        else { return false }
        let outerParameters = template["Parameters"]
        if let name = properties["StackSetName"]?.string { model.stackSetName = name }
        let nodes: [Node] = properties["StackInstancesGroup"]?.sequence?.flatMap { $0["Regions"]?.sequence ?? [] } ?? []
        guard !nodes.isEmpty else {
            throw TemplateError(file: file, line: RuleLoader.line(properties), message: "the StackSet lists no StackInstancesGroup regions")
        }
        model.regions = try nodes.map { node in
            guard let name = node.string, let region = Region(rawValue: name) else {
                throw TemplateError(
                    file: file, line: RuleLoader.line(node), message: "StackInstancesGroup.Regions: '\(node.string ?? "?")' is not a region name")
            }
            return region
        }
        guard let body = properties["TemplateBody"]?.string else {
            throw TemplateError(file: file, line: RuleLoader.line(properties), message: "the StackSet has no inline TemplateBody")
        }
        let inner = try parse(body, file: "\(file) (StackSet TemplateBody)")
        let innerParameters = inner["Parameters"]
        var parameters: [DeploymentModel.Parameter] = []
        var association: DeploymentModel.Association?
        for (_, resource) in resources(of: inner) {
            let props = resource["Properties"]
            switch resource["Type"]?.string {
            case "AWS::SSM::Parameter":
                guard let name = props?["Name"]?.string else { continue }
                let source = props?["Value"].flatMap { $0.tag.rawValue == "!Ref" ? $0.string : nil }
                let outerDeclaration = outerParameters?[source ?? name]
                // The outer stack's constraint, else the StackSet body's own: CloudFormation enforces both.
                let pattern = outerDeclaration?["AllowedPattern"]?.string
                    ?? source.flatMap { innerParameters?[$0]?["AllowedPattern"]?.string }
                    ?? model.parameters.first { $0.name == name }?.pattern ?? ".*"
                let secret = (outerDeclaration?["NoEcho"]?.bool ?? false) && name != "dsActivationUrl" && name != "dsManagerUrl"
                parameters.append(.init(name: name, pattern: pattern, secret: secret))
            case "AWS::SSM::Association":
                association = associationModel(props, innerParameters: innerParameters, defaults: model.association)
            default:
                continue
            }
        }
        if !parameters.isEmpty { model.parameters = parameters }
        if let association { model.association = association }
        return true
    }

    func associationModel(_ properties: Node?, innerParameters: Node?, defaults: DeploymentModel.Association) -> DeploymentModel.Association {
        func value(_ node: Node?) -> String? {
            guard let node else { return nil }
            if node.tag.rawValue == "!Ref", let name = node.string {
                return innerParameters?[name]?["Default"]?.string
            }
            return node.string
        }
        var parameters: [String: [String]] = [:]
        for (key, node) in properties?["Parameters"]?.mapping ?? [:] {
            guard let key = key.string else { continue }
            parameters[key] = node.sequence?.compactMap { value($0) } ?? value(node).map { [$0] } ?? []
        }
        let targets = properties?["Targets"]?.sequence?.compactMap { target -> DeploymentModel.Target? in
            guard let key = value(target["Key"]) else { return nil }
            return DeploymentModel.Target(key: key, values: target["Values"]?.sequence?.compactMap { value($0) } ?? [])
        }
        return DeploymentModel.Association(
            name: properties?["AssociationName"]?.string ?? defaults.name,
            document: properties?["Name"]?.string ?? defaults.document,
            parameters: parameters.isEmpty ? defaults.parameters : parameters,
            targets: targets ?? defaults.targets,
            defaultSchedule: value(properties?["ScheduleExpression"]) ?? defaults.defaultSchedule)
    }

    /// The Lambda role: the IAM role with inline policies, as JSON policy documents with `${Parameter}` placeholders.
    func apply(lambdaRoleOf template: Node, file: String, to model: inout DeploymentModel) throws {
        guard let (logicalId, role) = resources(of: template).first(where: {
            $0.1["Type"]?.string == "AWS::IAM::Role" && $0.1["Properties"]?["Policies"] != nil
        }) else { return }
        var documents: [String] = []
        for policy in role["Properties"]?["Policies"]?.sequence ?? [] {
            guard let document = policy["PolicyDocument"] else { continue }
            let json = try JSONSerialization.data(withJSONObject: jsonValue(document), options: [.sortedKeys, .withoutEscapingSlashes])
            documents.append(String(decoding: json, as: UTF8.self))
        }
        for arn in role["Properties"]?["ManagedPolicyArns"]?.sequence?.compactMap(\.string) ?? [] {
            guard let name = arn.split(separator: "/").last.map(String.init), let document = Self.managedPolicies[name] else {
                throw TemplateError(
                    file: file, line: RuleLoader.line(role), message: "managed policy \(arn) of \(logicalId) is not known to Preflight")
            }
            documents.append(document)
        }
        model.lambdaRoleLogicalId = logicalId
        model.lambdaPolicies = documents
    }

    /// The custom-resource Lambda function: its logical id and runtime.
    func apply(lambdaFunctionOf template: Node, file: String, to model: inout DeploymentModel) throws {
        guard let (logicalId, function) = resources(of: template).first(where: { $0.1["Type"]?.string == "AWS::Lambda::Function" })
        else { return }
        guard let node = function["Properties"]?["Runtime"], !node.tag.rawValue.hasPrefix("!"),
            let runtime = node.string, !runtime.isEmpty
        else {
            throw TemplateError(
                file: file, line: RuleLoader.line(function), message: "the Lambda function \(logicalId) has no literal Runtime")
        }
        model.lambdaFunction = DeploymentModel.LambdaFunction(logicalId: logicalId, runtime: runtime)
        let code = function["Properties"]?["Code"]
        if let bucket = code?["S3Bucket"].map(jsonValue) as? String, let key = code?["S3Key"].map(jsonValue) as? String {
            model.staging.lambdaCodeBucket = bucket
            model.staging.lambdaCodeKey = key
        }
    }

    /// The root template: its nested stacks' `TemplateURL`s and its parameters' defaults.
    func apply(nestedStacksOf template: Node, file: String, to model: inout DeploymentModel) throws {
        let stacks = resources(of: template).filter { $0.1["Type"]?.string == "AWS::CloudFormation::Stack" }
        guard !stacks.isEmpty else { return }
        model.staging.templateURLs = try stacks.sorted { $0.0 < $1.0 }.map { logicalId, stack in
            guard let url = stack["Properties"]?["TemplateURL"].map(jsonValue) as? String, !url.isEmpty else {
                throw TemplateError(
                    file: file, line: RuleLoader.line(stack), message: "the nested stack \(logicalId) has no TemplateURL")
            }
            return url
        }
        var defaults: [String: String] = [:]
        for (key, declaration) in template["Parameters"]?.mapping ?? [:] {
            if let name = key.string, let value = declaration["Default"]?.string { defaults[name] = value }
        }
        model.staging.parameterDefaults = defaults
    }

    /// A template node as a JSON value: `!Ref X` → `${X}`, `!Sub "…"` → its text, `!GetAtt A.B` → `${A.B}`.
    func jsonValue(_ node: Node) -> Any {
        switch node.tag.rawValue {
        case "!Ref": return "${\(node.string ?? "")}"
        case "!Sub": return node.string ?? node.sequence?.first?.string ?? ""
        case "!GetAtt": return "${\(node.string ?? node.sequence?.compactMap(\.string).joined(separator: ".") ?? "")}"
        default: break
        }
        if let mapping = node.mapping {
            var object: [String: Any] = [:]
            for (key, value) in mapping { object[key.string ?? ""] = jsonValue(value) }
            return object
        }
        if let sequence = node.sequence { return sequence.map(jsonValue) }
        return node.string ?? ""
    }

    func resources(of template: Node) -> [(String, Node)] {
        (template["Resources"]?.mapping ?? [:]).compactMap { key, value in key.string.map { ($0, value) } }
    }
}
