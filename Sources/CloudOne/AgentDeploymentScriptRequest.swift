/// The body of `POST /api/agentdeploymentscripts`, exactly as the deployment's Lambda sends it.
public struct AgentDeploymentScriptRequest: Encodable, Sendable, Equatable {
    public var platform = "linux"
    public var validateCertificateRequired = true
    public var validateDigitalSignatureRequired = true
    public var activationRequired = true
    public var policyID = 0
    public var relayGroupID = 0
    public var computerGroupID = 0

    public init() {}
}
