import Foundation

extension SyntheticAWS {
    static let cloudFormationNamespace: StaticString = "http://cloudformation.amazonaws.com/doc/2010-05-15/"

    /// The deployed stacks: (name, logical id in the parent or nil for the root, resources (logical id, type, physical id)).
    func deployedStacks() -> [(name: String, id: String, resources: [(String, String, String)])] {
        let management = organization.managementAccountId
        let root = SyntheticOrganization.stackName
        func arn(_ name: String, _ number: Int) -> String {
            "arn:aws:cloudformation:us-east-1:\(management):stack/\(name)/5e7b0000-0000-4000-8000-00000000000\(number)"
        }
        let parametersStack = "\(root)-GetWorkloadSecurityAgentDeploymentParameters-BENCH1"
        let associationStack = "\(root)-SSMAssociationforWorkloadAgent-BENCH2"
        return [
            (root, arn(root, 0), [
                ("GetWorkloadSecurityAgentDeploymentParameters", "AWS::CloudFormation::Stack", arn(parametersStack, 1)),
                ("SSMAssociationforWorkloadAgent", "AWS::CloudFormation::Stack", arn(associationStack, 2)),
            ]),
            (parametersStack, arn(parametersStack, 1), [
                ("LambdaExecutionRole", "AWS::IAM::Role", "\(root)-GetWorkloadSecurityA-LambdaExecutionRole-BENCH00000001"),
                ("AgentDeploymentScriptFunction", "AWS::Lambda::Function", "\(root)-AgentDeploymentScriptFunction-BENCH"),
                ("CustomInvokeAgentScriptParser", "Custom::InvokeAgentScriptParser", "bench-custom-resource"),
            ]),
            (associationStack, arn(associationStack, 2), [
                ("SSMStackSet", "AWS::CloudFormation::StackSet", "\(SyntheticOrganization.stackSetName):5e75e700-0000-4000-8000-000000000000"),
            ]),
        ]
    }

    func cloudFormation(_ request: SyntheticRequest, account: Int) -> SyntheticResponse? {
        let stacks = organization.state == .post && account == 0 ? deployedStacks() : []
        switch request.operation {
        case "DescribeStacks":
            let name = request.form["StackName"] ?? ""
            guard let stack = stacks.first(where: { $0.name == name || $0.id == name }) else {
                return .error(service: "cloudformation", status: 400, code: "ValidationError", message: "Stack with id \(name) does not exist")
            }
            let failure = failure(of: stack.name)
            let reason: WireBytes = failure.map { "<StackStatusReason>\(XML.escape($0.reason))</StackStatusReason>" } ?? ""
            let result: WireBytes = """
                <Stacks><member><StackName>\(stack.name)</StackName><StackId>\(stack.id)</StackId>\
                <CreationTime>2025-06-01T08:00:00.000Z</CreationTime><StackStatus>\(failure?.status ?? "CREATE_COMPLETE")</StackStatus>\
                \(reason)\
                <DisableRollback>false</DisableRollback><NotificationARNs/><Capabilities><member>CAPABILITY_IAM</member></Capabilities>\
                <DriftInformation><StackDriftStatus>NOT_CHECKED</StackDriftStatus></DriftInformation></member></Stacks>
                """
            return .query("DescribeStacks", namespace: Self.cloudFormationNamespace, result: result)
        case "ListStackResources":
            let name = request.form["StackName"] ?? ""
            guard let stack = stacks.first(where: { $0.name == name || $0.id == name }) else {
                return .error(service: "cloudformation", status: 400, code: "ValidationError", message: "Stack with id \(name) does not exist")
            }
            let failure = failure(of: stack.name)
            var result: WireBytes = "<StackResourceSummaries>"
            for (logical, type, physical) in stack.resources {
                let failed = failure?.failedResource == logical
                let status: WireBytes = failed
                    ? "CREATE_FAILED</ResourceStatus><ResourceStatusReason>\(XML.escape(failure?.reason ?? ""))</ResourceStatusReason>"
                    : "CREATE_COMPLETE</ResourceStatus>"
                result += """
                    <member><LogicalResourceId>\(logical)</LogicalResourceId><PhysicalResourceId>\(physical)</PhysicalResourceId>\
                    <ResourceType>\(type)</ResourceType><LastUpdatedTimestamp>2025-06-01T08:05:00.000Z</LastUpdatedTimestamp>\
                    <ResourceStatus>\(status)<DriftInformation><StackResourceDriftStatus>NOT_CHECKED\
                    </StackResourceDriftStatus></DriftInformation></member>
                    """
            }
            result += "</StackResourceSummaries>"
            return .query("ListStackResources", namespace: Self.cloudFormationNamespace, result: result)
        case "DescribeStackEvents":
            let name = request.form["StackName"] ?? ""
            guard let stack = stacks.first(where: { $0.name == name || $0.id == name }) else {
                return .error(service: "cloudformation", status: 400, code: "ValidationError", message: "Stack [\(name)] does not exist")
            }
            return .query("DescribeStackEvents", namespace: Self.cloudFormationNamespace, result: stackEvents(stack))
        case "ListStackSets":
            var members: WireBytes = ""
            if organization.state == .post, !organization.variations.stackSetMissing, account == 0 {
                members = "<member><StackSetName>\(SyntheticOrganization.stackSetName)</StackSetName><Status>ACTIVE</Status><PermissionModel>SERVICE_MANAGED</PermissionModel></member>"
            }
            return .query("ListStackSets", namespace: Self.cloudFormationNamespace, result: "<Summaries>\(members)</Summaries>")
        case "DescribeStackSet", "ListStackInstances", "ListStackSetOperations", "ListStackSetOperationResults",
            "ListStackInstanceResourceDrifts":
            guard organization.state == .post, !organization.variations.stackSetMissing, account == 0,
                request.form["StackSetName"] == SyntheticOrganization.stackSetName
            else {
                return .error(
                    service: "cloudformation", status: 400, code: "StackSetNotFoundException",
                    message: "StackSet \(request.form["StackSetName"] ?? "") not found")
            }
            if request.operation == "DescribeStackSet" {
                return .query("DescribeStackSet", namespace: Self.cloudFormationNamespace, result: describeStackSet())
            }
            if request.operation == "ListStackInstances" {
                return .query("ListStackInstances", namespace: Self.cloudFormationNamespace, result: stackInstances(request))
            }
            return stackSetOperations(request)
        default:
            return nil
        }
    }

    /// The failure a variation gives the deployed stack `name` (the root's name, or a nested stack's logical id in
    /// its name).
    func failure(of name: String) -> SyntheticVariations.StackFailure? {
        let failures = organization.variations.failedStacks
        guard !failures.isEmpty else { return nil }
        if let root = failures[name] { return root }
        return failures.first { name.contains("-\($0.key)-") }?.value
    }

    /// A `ListStackInstances` page: every targeted account × deployment region, account-major, 100 per page at most;
    /// `StackInstanceAccount` and `StackInstanceRegion` narrow it.
    private func stackInstances(_ request: SyntheticRequest) -> WireBytes {
        let variations = organization.variations
        guard !variations.changesStackInstances else { return variedStackInstances(request) }
        let regions = SyntheticOrganization.deploymentRegions
        let accountFilter = request.form["StackInstanceAccount"].flatMap { organization.accountIndex($0) }
        let regionFilter = request.form["StackInstanceRegion"].flatMap { regions.firstIndex(of: $0) }
        let accounts = accountFilter.map { $0..<($0 + 1) } ?? 1..<organization.accountCount
        let regionRange = regionFilter.map { $0..<($0 + 1) } ?? 0..<regions.count
        let size = min(100, Int(request.form["MaxResults"] ?? "") ?? 100)
        let page = Self.page(count: accounts.count * regionRange.count, token: request.form["NextToken"], size: size)
        var result: WireBytes = "<Summaries>"
        for offset in page.range {
            let account = accounts.lowerBound + offset / regionRange.count
            let region = regions[regionRange.lowerBound + offset % regionRange.count]
            let id = organization.accountId(account)
            let unit = organization.organizationalUnitId((account - 1) / organization.accountsPerOrganizationalUnit)
            let stackSetName = SyntheticOrganization.stackSetName
            result += """
                <member><StackSetId>\(stackSetName):5e75e700-0000-4000-8000-000000000000</StackSetId>\
                <Region>\(region)</Region><Account>\(id)</Account>\
                <StackId>arn:aws:cloudformation:\(region):\(id):stack/StackSet-\(stackSetName)-bench/00000000-0000-4000-8000-\(id)</StackId>\
                <Status>CURRENT</Status><StackInstanceStatus><DetailedStatus>SUCCEEDED</DetailedStatus></StackInstanceStatus>\
                <OrganizationalUnitId>\(unit)</OrganizationalUnitId><DriftStatus>NOT_CHECKED</DriftStatus>\
                <LastOperationId>0b000000-0000-4000-8000-000000000000</LastOperationId></member>
                """
        }
        result += "</Summaries>"
        if let next = page.next { result += "<NextToken>\(next)</NextToken>" }
        return result
    }

    /// `stackInstances` when variations change which accounts are targeted or which instances exist: the same
    /// listing over an explicit list of (account, region) pairs.
    private func variedStackInstances(_ request: SyntheticRequest) -> WireBytes {
        let regions = SyntheticOrganization.deploymentRegions
        let accountFilter = request.form["StackInstanceAccount"].flatMap { organization.accountIndex($0) }
        let regionFilter = request.form["StackInstanceRegion"]
        let changes = organization.variations.stackInstances
        let places = (1..<organization.accountCount).filter { organization.isTargeted(account: $0) && (accountFilter ?? $0) == $0 }
            .flatMap { account in regions.filter { (regionFilter ?? $0) == $0 }.map { (account: account, region: $0) } }
            .filter { changes[.init(account: $0.account, region: $0.region)] != .missing && isInStackSetUnit(account: $0.account) }
        let size = min(100, Int(request.form["MaxResults"] ?? "") ?? 100)
        let page = Self.page(places, token: request.form["NextToken"], size: size)
        var result: WireBytes = "<Summaries>"
        for (account, region) in page.items {
            let id = organization.accountId(account)
            let unit = organization.organizationalUnitId((account - 1) / organization.accountsPerOrganizationalUnit)
            let stackSetName = SyntheticOrganization.stackSetName
            let status: WireBytes =
                if case .status(let status, let reason) = changes[.init(account: account, region: region)] {
                    """
                    <Status>\(status)</Status><StatusReason>\(XML.escape(reason))</StatusReason>\
                    <StackInstanceStatus><DetailedStatus>FAILED</DetailedStatus></StackInstanceStatus>
                    """
                } else {
                    "<Status>CURRENT</Status><StackInstanceStatus><DetailedStatus>SUCCEEDED</DetailedStatus></StackInstanceStatus>"
                }
            result += """
                <member><StackSetId>\(stackSetName):5e75e700-0000-4000-8000-000000000000</StackSetId>\
                <Region>\(region)</Region><Account>\(id)</Account>\
                <StackId>arn:aws:cloudformation:\(region):\(id):stack/StackSet-\(stackSetName)-bench/00000000-0000-4000-8000-\(id)</StackId>\
                \(status)\
                <OrganizationalUnitId>\(unit)</OrganizationalUnitId><DriftStatus>\(driftStatus(account: account, region: region))</DriftStatus>\
                <LastOperationId>\(Self.deploymentOperationId)</LastOperationId></member>
                """
        }
        result += "</Summaries>"
        if let next = page.next { result += "<NextToken>\(next)</NextToken>" }
        return result
    }
}
