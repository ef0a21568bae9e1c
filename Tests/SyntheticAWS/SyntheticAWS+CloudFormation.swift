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
            let result: WireBytes = """
                <Stacks><member><StackName>\(stack.name)</StackName><StackId>\(stack.id)</StackId>\
                <CreationTime>2025-06-01T08:00:00.000Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus>\
                <DisableRollback>false</DisableRollback><NotificationARNs/><Capabilities><member>CAPABILITY_IAM</member></Capabilities>\
                <DriftInformation><StackDriftStatus>NOT_CHECKED</StackDriftStatus></DriftInformation></member></Stacks>
                """
            return .query("DescribeStacks", namespace: Self.cloudFormationNamespace, result: result)
        case "ListStackResources":
            let name = request.form["StackName"] ?? ""
            guard let stack = stacks.first(where: { $0.name == name || $0.id == name }) else {
                return .error(service: "cloudformation", status: 400, code: "ValidationError", message: "Stack with id \(name) does not exist")
            }
            var result: WireBytes = "<StackResourceSummaries>"
            for (logical, type, physical) in stack.resources {
                result += """
                    <member><LogicalResourceId>\(logical)</LogicalResourceId><PhysicalResourceId>\(physical)</PhysicalResourceId>\
                    <ResourceType>\(type)</ResourceType><LastUpdatedTimestamp>2025-06-01T08:05:00.000Z</LastUpdatedTimestamp>\
                    <ResourceStatus>CREATE_COMPLETE</ResourceStatus><DriftInformation><StackResourceDriftStatus>NOT_CHECKED\
                    </StackResourceDriftStatus></DriftInformation></member>
                    """
            }
            result += "</StackResourceSummaries>"
            return .query("ListStackResources", namespace: Self.cloudFormationNamespace, result: result)
        case "DescribeStackSet", "ListStackInstances":
            guard organization.state == .post, account == 0, request.form["StackSetName"] == SyntheticOrganization.stackSetName else {
                return .error(
                    service: "cloudformation", status: 400, code: "StackSetNotFoundException",
                    message: "StackSet \(request.form["StackSetName"] ?? "") not found")
            }
            if request.operation == "DescribeStackSet" {
                let result: WireBytes = """
                    <StackSet><StackSetName>\(SyntheticOrganization.stackSetName)</StackSetName>\
                    <StackSetId>\(SyntheticOrganization.stackSetName):5e75e700-0000-4000-8000-000000000000</StackSetId>\
                    <Status>ACTIVE</Status><PermissionModel>SERVICE_MANAGED</PermissionModel></StackSet>
                    """
                return .query("DescribeStackSet", namespace: Self.cloudFormationNamespace, result: result)
            }
            return .query("ListStackInstances", namespace: Self.cloudFormationNamespace, result: stackInstances(request))
        default:
            return nil
        }
    }

    /// A `ListStackInstances` page: every targeted account × deployment region, account-major, 100 per page at most;
    /// `StackInstanceAccount` and `StackInstanceRegion` narrow it.
    private func stackInstances(_ request: SyntheticRequest) -> WireBytes {
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
}
