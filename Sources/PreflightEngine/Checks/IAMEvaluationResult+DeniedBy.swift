import AWSServices

extension IAM.EvaluationResult {
    /// What denies the action, by the simulator's answer: `scp`, `permissions-boundary`, `explicit-deny`; empty when
    /// nothing but a missing Allow does.
    var deniedBy: [String] {
        var deniedBy: [String] = []
        if organizationsDecisionDetail?.allowedByOrganizations == false { deniedBy.append("scp") }
        if permissionsBoundaryDecisionDetail?.allowedByPermissionsBoundary == false { deniedBy.append("permissions-boundary") }
        if evalDecision == "explicitDeny" { deniedBy.append("explicit-deny") }
        return deniedBy
    }
}
