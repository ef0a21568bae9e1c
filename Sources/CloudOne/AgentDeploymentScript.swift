/// The answer of `POST /api/agentdeploymentscripts`: the installation script the Lambda reads four values from.
public struct AgentDeploymentScript: Decodable, Sendable {
    public var scriptBody: String

    public init(scriptBody: String) { self.scriptBody = scriptBody }
}
