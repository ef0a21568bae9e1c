import Foundation

extension SyntheticAWS {
    /// The id of the StackSet's deployment operation (the stack instances' `LastOperationId`).
    static let deploymentOperationId = "0b000000-0000-4000-8000-000000000000"
    /// The id of the StackSet's drift detection, when a `drift` variation has one.
    static let driftOperationId = "d71f0000-0000-4000-8000-000000000000"

    /// Whether the StackSet targets the OU of member account `account` (OUs created after the stack are not).
    func isInStackSetUnit(account: Int) -> Bool {
        !organization.variations.organizationalUnitsAfterStack.contains((account - 1) / organization.accountsPerOrganizationalUnit)
    }

    /// A stack instance's `DriftStatus`: `NOT_CHECKED` until a drift detection, then `DRIFTED`, `UNKNOWN` or `IN_SYNC`.
    func driftStatus(account: Int, region: String) -> String {
        guard let drift = organization.variations.drift else { return "NOT_CHECKED" }
        let place = SyntheticVariations.Place(account: account, region: region)
        if drift.drifted[place] != nil { return "DRIFTED" }
        return drift.failed.contains(place) ? "UNKNOWN" : "IN_SYNC"
    }

    /// `DescribeStackSet`: service-managed, with AutoDeployment, its OUs and its last drift detection.
    func describeStackSet() -> WireBytes {
        let variations = organization.variations
        let units = (0..<organization.organizationalUnitCount).filter { !variations.organizationalUnitsAfterStack.contains($0) }
        var members: WireBytes = ""
        for unit in units { members += "<member>\(organization.organizationalUnitId(unit))</member>" }
        let name = SyntheticOrganization.stackSetName
        return """
            <StackSet><StackSetName>\(name)</StackSetName>\
            <StackSetId>\(name):5e75e700-0000-4000-8000-000000000000</StackSetId>\
            <Status>ACTIVE</Status><PermissionModel>SERVICE_MANAGED</PermissionModel>\
            <AutoDeployment><Enabled>\(variations.autoDeploymentDisabled ? "false" : "true")</Enabled>\
            <RetainStacksOnAccountRemoval>false</RetainStacksOnAccountRemoval></AutoDeployment>\
            <OrganizationalUnitIds>\(members)</OrganizationalUnitIds>\(driftDetails())</StackSet>
            """
    }

    private func driftDetails() -> WireBytes {
        guard let drift = organization.variations.drift else {
            return "<StackSetDriftDetectionDetails><DriftStatus>NOT_CHECKED</DriftStatus></StackSetDriftDetectionDetails>"
        }
        let total = (1..<organization.accountCount).filter { organization.isTargeted(account: $0) && isInStackSetUnit(account: $0) }.count
            * SyntheticOrganization.deploymentRegions.count
        let status = drift.drifted.isEmpty ? "IN_SYNC" : "DRIFTED"
        return """
            <StackSetDriftDetectionDetails><DriftStatus>\(status)</DriftStatus>\
            <DriftDetectionStatus>\(drift.detectionStatus)</DriftDetectionStatus>\
            <LastDriftCheckTimestamp>\(Self.timestamp(drift.checkedAt))</LastDriftCheckTimestamp>\
            <TotalStackInstancesCount>\(total)</TotalStackInstancesCount>\
            <DriftedStackInstancesCount>\(drift.drifted.count)</DriftedStackInstancesCount>\
            <InSyncStackInstancesCount>\(total - drift.drifted.count - drift.failed.count)</InSyncStackInstancesCount>\
            <InProgressStackInstancesCount>0</InProgressStackInstancesCount>\
            <FailedStackInstancesCount>\(drift.failed.count)</FailedStackInstancesCount></StackSetDriftDetectionDetails>
            """
    }

    /// `ListStackSetOperations`, `ListStackSetOperationResults` and `ListStackInstanceResourceDrifts`.
    func stackSetOperations(_ request: SyntheticRequest) -> SyntheticResponse {
        let variations = organization.variations
        let operation = variations.stackSetOperation ?? .init(action: "CREATE", status: "SUCCEEDED")
        switch request.operation {
        case "ListStackSetOperations":
            var result: WireBytes = "<Summaries>"
            if let drift = variations.drift {
                let status = ["COMPLETED": "SUCCEEDED", "IN_PROGRESS": "RUNNING", "PARTIAL_SUCCESS": "FAILED"][drift.detectionStatus]
                    ?? drift.detectionStatus
                result += """
                    <member><OperationId>\(Self.driftOperationId)</OperationId><Action>DETECT_DRIFT</Action>\
                    <Status>\(status)</Status><CreationTimestamp>\(Self.timestamp(drift.checkedAt - 300))</CreationTimestamp>\
                    <EndTimestamp>\(Self.timestamp(drift.checkedAt))</EndTimestamp></member>
                    """
            }
            let reason: WireBytes = operation.statusReason.map { "<StatusReason>\(XML.escape($0))</StatusReason>" } ?? ""
            result += """
                <member><OperationId>\(Self.deploymentOperationId)</OperationId><Action>\(operation.action)</Action>\
                <Status>\(operation.status)</Status><CreationTimestamp>2025-06-01T08:06:00.000Z</CreationTimestamp>\
                <EndTimestamp>2025-06-01T08:20:00.000Z</EndTimestamp>\(reason)</member></Summaries>
                """
            return .query("ListStackSetOperations", namespace: Self.cloudFormationNamespace, result: result)
        case "ListStackSetOperationResults":
            guard request.form["OperationId"] == Self.deploymentOperationId else {
                return .error(
                    service: "cloudformation", status: 400, code: "OperationNotFoundException",
                    message: "Operation \(request.form["OperationId"] ?? "") not found")
            }
            return .query(
                "ListStackSetOperationResults", namespace: Self.cloudFormationNamespace,
                result: operationResults(request, operation: operation))
        default:
            let place = organization.accountIndex(request.form["StackInstanceAccount"] ?? "").map {
                SyntheticVariations.Place(account: $0, region: request.form["StackInstanceRegion"] ?? "")
            }
            guard request.form["OperationId"] == Self.driftOperationId, variations.drift != nil else {
                return .error(
                    service: "cloudformation", status: 400, code: "OperationNotFoundException",
                    message: "Operation \(request.form["OperationId"] ?? "") not found")
            }
            var result: WireBytes = "<Summaries>"
            for logicalId in place.flatMap({ variations.drift?.drifted[$0] }) ?? [] {
                let account = request.form["StackInstanceAccount"] ?? ""
                let region = request.form["StackInstanceRegion"] ?? ""
                result += """
                    <member><StackId>arn:aws:cloudformation:\(region):\(account):stack/StackSet-\(SyntheticOrganization.stackSetName)-bench/00000000-0000-4000-8000-\(account)</StackId>\
                    <LogicalResourceId>\(logicalId)</LogicalResourceId><PhysicalResourceId>\(logicalId)-physical</PhysicalResourceId>\
                    <ResourceType>AWS::SSM::Parameter</ResourceType><StackResourceDriftStatus>MODIFIED</StackResourceDriftStatus>\
                    <Timestamp>\(Self.timestamp(variations.drift?.checkedAt ?? 0))</Timestamp></member>
                    """
            }
            result += "</Summaries>"
            return .query("ListStackInstanceResourceDrifts", namespace: Self.cloudFormationNamespace, result: result)
        }
    }

    /// A page of the deployment operation's results: every stack instance's place, `SUCCEEDED` unless the
    /// variation says otherwise.
    private func operationResults(_ request: SyntheticRequest, operation: SyntheticVariations.StackSetOperation) -> WireBytes {
        let places = (1..<organization.accountCount).filter { organization.isTargeted(account: $0) && isInStackSetUnit(account: $0) }
            .flatMap { account in SyntheticOrganization.deploymentRegions.map { (account: account, region: $0) } }
        let size = min(100, Int(request.form["MaxResults"] ?? "") ?? 100)
        let page = Self.page(places, token: request.form["NextToken"], size: size)
        var result: WireBytes = "<Summaries>"
        for (account, region) in page.items {
            let id = organization.accountId(account)
            let outcome = operation.results[.init(account: account, region: region)]
            let reason: WireBytes = outcome.map { "<StatusReason>\(XML.escape($0.reason))</StatusReason>" } ?? ""
            let gate = outcome?.accountGate ?? (
                "SKIPPED", "Function not found: arn:aws:lambda:\(region):\(id):function:AWSCloudFormationStackSetAccountGate")
            result += """
                <member><Account>\(id)</Account><Region>\(region)</Region><Status>\(outcome?.status ?? "SUCCEEDED")</Status>\(reason)\
                <AccountGateResult><Status>\(gate.status)</Status><StatusReason>\(XML.escape(gate.reason))</StatusReason></AccountGateResult>\
                <OrganizationalUnitId>\(organization.organizationalUnitId((account - 1) / organization.accountsPerOrganizationalUnit))</OrganizationalUnitId></member>
                """
        }
        result += "</Summaries>"
        if let next = page.next { result += "<NextToken>\(next)</NextToken>" }
        return result
    }

    /// `DescribeStackEvents` of a deployed stack, newest first: its deployment and, for an update, the one before it.
    func stackEvents(_ stack: (name: String, id: String, resources: [(String, String, String)])) -> WireBytes {
        let failure = failure(of: stack.name)
        let verb = failure?.status.hasPrefix("UPDATE") == true ? "UPDATE" : "CREATE"
        var events: [(logical: String, type: String, status: String, reason: String?)] = []
        if let failure {
            events.append((stack.name, "AWS::CloudFormation::Stack", failure.status, nil))
            if let resource = failure.failedResource, let entry = stack.resources.first(where: { $0.0 == resource }) {
                events.append((resource, entry.1, "\(verb)_FAILED", failure.reason))
                events.append((resource, entry.1, "\(verb)_IN_PROGRESS", nil))
            }
        } else {
            events.append((stack.name, "AWS::CloudFormation::Stack", "CREATE_COMPLETE", nil))
        }
        events.append((stack.name, "AWS::CloudFormation::Stack", "\(verb)_IN_PROGRESS", "User Initiated"))
        if verb == "UPDATE", let resource = stack.resources.first {
            events.append((stack.name, "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_COMPLETE", nil))
            events.append((resource.0, resource.1, "UPDATE_FAILED", "an earlier update's failure"))
            events.append((stack.name, "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated"))
            events.append((stack.name, "AWS::CloudFormation::Stack", "CREATE_COMPLETE", nil))
            events.append((stack.name, "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS", "User Initiated"))
        }
        var result: WireBytes = "<StackEvents>"
        for (index, event) in events.enumerated() {
            let reason: WireBytes = event.reason.map { "<ResourceStatusReason>\(XML.escape($0))</ResourceStatusReason>" } ?? ""
            result += """
                <member><StackId>\(stack.id)</StackId><EventId>\(event.logical)-\(index)</EventId>\
                <StackName>\(stack.name)</StackName><LogicalResourceId>\(event.logical)</LogicalResourceId>\
                <ResourceType>\(event.type)</ResourceType>\
                <Timestamp>\(Self.timestamp(Self.epoch(daysAgo: 30) - index * 60))</Timestamp>\
                <ResourceStatus>\(event.status)</ResourceStatus>\(reason)</member>
                """
        }
        result += "</StackEvents>"
        return result
    }

    /// An ISO 8601 timestamp, in milliseconds, of `seconds` since 1970.
    static func timestamp(_ seconds: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
