import NetworkPath

/// What the diagnosis knows of one instance that Systems Manager does not manage or lost: each lookup's answer, or
/// why it could not be had.
struct InstanceFacts: Sendable {
    var instanceId: String
    var account: String
    var region: String
    var partition: String
    /// `windows`, or nil for Linux.
    var platform: String?
    var imageId: String?
    var imdsDisabled: Bool
    var vpcId: String?
    var subnetId: String?
    var securityGroupIds: [String]
    /// The instance profile associated with the instance.
    var profile: Result<String?, AuditError>
    /// Default Host Management Configuration's role in the account × region, nil when it is not set up.
    var defaultHostManagementRole: Result<String?, AuditError>
    /// What the profile's role, or else DHMC's, may do; nil when there is no role to ask about.
    var role: Result<RoleVerdict, AuditError>?
    /// The path to Systems Manager; nil for an instance outside a VPC.
    var network: Result<NetworkAssessment, AuditError>?
    /// The agent's version, when it ever reported.
    var agentVersion: String?
}
