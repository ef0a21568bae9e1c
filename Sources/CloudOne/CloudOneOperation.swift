/// Every Workload Security API call Preflight can send. The client accepts nothing else: three reads, and the
/// deployment-script request that the deployment's own Lambda makes (it returns a script and creates nothing).
public enum CloudOneOperation: String, Sendable, CaseIterable {
    case describeCurrentAPIKey = "DescribeCurrentAPIKey"
    case describeAgentInitiatedActivation = "DescribeSystemSetting"
    case generateAgentDeploymentScript = "GenerateAgentDeploymentScript"
    case searchComputers = "SearchComputers"

    /// The operation's name, as errors and the call log name it.
    public var name: String { rawValue }

    /// The HTTP method.
    public var method: String {
        switch self {
        case .describeCurrentAPIKey, .describeAgentInitiatedActivation: "GET"
        case .generateAgentDeploymentScript, .searchComputers: "POST"
        }
    }

    /// The path below the API's base URL, with its fixed query.
    public var path: String {
        switch self {
        case .describeCurrentAPIKey: "/api/apikeys/current"
        case .describeAgentInitiatedActivation: "/api/systemsettings/platformSettingAgentInitiatedActivationEnabled"
        case .generateAgentDeploymentScript: "/api/agentdeploymentscripts"
        case .searchComputers: "/api/computers/search?expand=computerStatus&expand=ec2VirtualMachineSummary"
        }
    }
}
