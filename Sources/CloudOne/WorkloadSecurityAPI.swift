/// The Workload Security calls Preflight makes, typed: the current key, the agent-initiated activation setting, the
/// deployment script, and every computer.
public struct WorkloadSecurityAPI: Sendable {
    /// The most computers one search returns (the API's own maximum).
    public static let maxPageSize = 5000

    public let client: CloudOneClient

    public init(client: CloudOneClient) { self.client = client }

    /// The key the client calls with.
    public func currentAPIKey() async throws(CloudOneError) -> APIKeyDescription {
        try await client.send(.describeCurrentAPIKey)
    }

    /// `platformSettingAgentInitiatedActivationEnabled`: `For any computers`, `Do not allow`, ….
    public func agentInitiatedActivation() async throws(CloudOneError) -> String {
        try await client.send(.describeAgentInitiatedActivation, as: SettingValue.self).value
    }

    /// The deployment script the Lambda asks for, and the four values read from it.
    public func agentActivation() async throws(CloudOneError) -> AgentActivation {
        let script = try await client.send(
            .generateAgentDeploymentScript, body: AgentDeploymentScriptRequest(), as: AgentDeploymentScript.self)
        switch AgentActivation.parse(script.scriptBody) {
        case .success(let activation):
            return activation
        case .failure(let missing):
            throw CloudOneError(
                .malformedResponse, operation: .generateAgentDeploymentScript,
                message: "the deployment script holds no \(missing.names.joined(separator: ", "))",
                redacting: [client.key.secret])
        }
    }

    /// Every computer, page by page in ID order: one search per `pageSize` computers.
    public func computers(pageSize: Int = maxPageSize) async throws(CloudOneError) -> [CloudOneComputer] {
        var all: [CloudOneComputer] = []
        var lastID = 0
        while true {
            let page = try await client.send(
                .searchComputers, body: ComputerSearchRequest(after: lastID, maxItems: pageSize), as: ComputerPage.self)
            all += page.computers
            guard page.computers.count >= pageSize, let last = page.computers.last else { return all }
            guard last.id > lastID, page.computers.allSatisfy({ $0.id > lastID }) else {
                throw CloudOneError(
                    .malformedResponse, operation: .searchComputers,
                    message: "the search returned computers at or before ID \(lastID), which were asked to be after it",
                    redacting: [client.key.secret])
            }
            lastID = last.id
        }
    }
}
