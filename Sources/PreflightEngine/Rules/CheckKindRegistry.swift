import Yams

/// The check kinds a rule file can name, and how each reads its `data`.
enum CheckKindRegistry {
    typealias Factory = @Sendable (_ data: Node?, _ file: String) throws -> any Check

    static let kinds: [String: Factory] = Dictionary(
        uniqueKeysWithValues: allKinds.map { kind in (kind.name, factory(for: kind)) })

    static let allKinds: [any CheckKind.Type] = [
        DeploymentParametersCheck.self,
        CallerAccountCheck.self,
        TrustedAccessCheck.self,
        PrincipalPermissionsCheck.self,
        LambdaPermissionsCheck.self,
        LambdaSecretAccessCheck.self,
        LambdaRuntimeCheck.self,
        DeploymentStagingCheck.self,
        StackSetQuotasCheck.self,
        OptInRegionsCheck.self,
        StackSetExecutionSCPCheck.self,
        TargetAccountsCheck.self,
        ManagementAccountCheck.self,
        ExistingResourcesCheck.self,
        SSMAgentCheck.self,
        WorkloadSecurityNetworkCheck.self,
        TargetRegionsCheck.self,
        StackStatusCheck.self,
        StackSetInstancesCheck.self,
        StackSetOperationsCheck.self,
        StackSetAutoDeploymentCheck.self,
        StackSetDriftCheck.self,
        SSMParametersCheck.self,
        SSMAssociationCheck.self,
        AgentCoverageCheck.self,
        WorkloadSecurityAPICheck.self,
        WorkloadSecurityParametersCheck.self,
        WorkloadSecurityAgentsCheck.self,
        WorkloadSecurityUnmanagedCheck.self,
    ]

    static func factory<Kind: CheckKind>(for kind: Kind.Type) -> Factory {
        { data, file in
            let node = data ?? Node.mapping(Node.Mapping([]))
            let configuration: Kind.Configuration
            do {
                configuration = try YAMLDecoder().decode(Kind.Configuration.self, from: node)
            } catch let error as DecodingError {
                throw RuleLoadError(file: file, line: line(of: error, in: node), message: "data: \(describe(error))")
            } catch {
                throw RuleLoadError(file: file, line: RuleLoader.line(node), message: "data: \(error)")
            }
            let known = Set(Mirror(reflecting: configuration).children.compactMap(\.label))
            if let unknown = node.mapping?.keys.first(where: { !known.contains($0.string ?? "") }) {
                let expected = known.isEmpty ? "this kind takes no data" : "expected \(known.sorted().joined(separator: ", "))"
                throw RuleLoadError(
                    file: file, line: RuleLoader.line(unknown), message: "data: unknown key '\(unknown.string ?? "?")' (\(expected))")
            }
            return Kind(configuration: configuration)
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            "missing key '\(path(context.codingPath + [key]))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            "'\(path(context.codingPath))': \(context.debugDescription)"
        @unknown default:
            "\(error)"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            .replacingOccurrences(of: ".[", with: "[")
    }

    /// The line of the deepest node on the error's coding path.
    static func line(of error: DecodingError, in root: Node) -> Int {
        let keys: [any CodingKey]
        switch error {
        case .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context),
            .dataCorrupted(let context):
            keys = context.codingPath
        @unknown default:
            keys = []
        }
        var node = root
        for key in keys {
            if let index = key.intValue, let items = node.sequence, index < items.count {
                node = items[index]
            } else if let child = node.mapping?[key.stringValue] {
                node = child
            } else {
                break
            }
        }
        return RuleLoader.line(node)
    }
}
