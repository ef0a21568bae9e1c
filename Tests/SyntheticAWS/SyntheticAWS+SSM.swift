extension SyntheticAWS {
    static let parameterNames = ["dsActivationUrl", "dsManagerUrl", "dsTenantId", "dsToken"]

    func ssm(_ request: SyntheticRequest, account: Int) -> SyntheticResponse? {
        let region = regionIndex(request.region)
        let deployed = region.map { isEnabled(region: $0) && organization.isDeployed(account: account, region: $0) } ?? false
        switch request.operation {
        case "DescribeInstanceInformation":
            let managed = region.flatMap { isEnabled(region: $0) ? organization.managedInstances(account: account, region: $0) : nil } ?? []
            let page = Self.page(managed, token: request.jsonString("NextToken"), size: min(50, request.jsonInt("MaxResults") ?? 50))
            let body =
                if let region, isEnabled(region: region), page.items.indices == firstInstanceInformationPages.range {
                    firstInstanceInformationPages.bodies[region]
                } else {
                    Self.describeInstanceInformation(page.items, next: page.next)
                }
            return .json(body, account: account)
        case "GetParameters":
            guard deployed else {
                var body: WireBytes = "{\"Parameters\":[],\"InvalidParameters\":["
                body.append(Self.parameterNames, separator: ",") { "\"\($0)\"" }
                body += "]}"
                return .json(body)
            }
            let values: [(StaticString, StaticString, StaticString)] = [
                ("dsActivationUrl", "String", "dsm://agents.workload.trendmicro.com:443/"),
                ("dsManagerUrl", "String", "https://workload.trendmicro.com:443"),
                ("dsTenantId", "SecureString", "AQICAHhBenchEncryptedTenantIdValue=="),
                ("dsToken", "SecureString", "AQICAHhBenchEncryptedTokenValue=="),
            ]
            let accountId = organization.accountId(account)
            var body: WireBytes = "{\"Parameters\":["
            body.append(values, separator: ",") { name, type, value in
                """
                {"Name":"\(name)","Type":"\(type)","Value":"\(value)","Version":1,\
                "LastModifiedDate":\(Self.epoch(daysAgo: 30)),"ARN":"arn:aws:ssm:\(request.region):\
                \(accountId):parameter/\(name)","DataType":"text"}
                """
            }
            body += "],\"InvalidParameters\":[]}"
            return .json(body)
        case "ListAssociations":
            guard deployed, let region else { return .json("{\"Associations\":[]}") }
            return .json("{\"Associations\":[\(association(account: account, region: region, full: false))]}")
        case "DescribeAssociation":
            guard deployed, let region, request.jsonString("AssociationId") == organization.associationId(account: account, region: region) else {
                return .error(service: "ssm", status: 400, code: "AssociationDoesNotExist", message: "The specified association does not exist.")
            }
            return .json("{\"AssociationDescription\":\(association(account: account, region: region, full: true))}")
        case "DescribeAssociationExecutions":
            guard deployed, let region, request.jsonString("AssociationId") == organization.associationId(account: account, region: region) else {
                return .error(service: "ssm", status: 400, code: "AssociationDoesNotExist", message: "The specified association does not exist.")
            }
            let page = Self.page(
                count: organization.executionsPerAssociation, token: request.jsonString("NextToken"),
                size: min(50, request.jsonInt("MaxResults") ?? 50))
            let online = organization.managedInstances(account: account, region: region).filter { $0.pingStatus == "Online" }
            let failed = online.filter { $0.outcome != "Success" }.count
            let associationId = organization.associationId(account: account, region: region)
            var body: WireBytes = "{\"AssociationExecutions\":["
            body.append(page.range, separator: ",") { number in
                let counts: WireBytes = number == 0 && failed > 0
                    ? "{Failed=\(failed), Success=\(online.count - failed)}" : "{Success=\(online.count)}"
                let status: StaticString = number == 0 && failed > 0 ? "Failed" : "Success"
                return """
                    {"AssociationId":"\(associationId)","AssociationVersion":"1",\
                    "ExecutionId":"\(organization.executionId(account: account, region: region, number: number))",\
                    "Status":"\(status)","DetailedStatus":"\(status)",\
                    "CreatedTime":\(Self.epoch(daysAgo: number + 1)),"LastExecutionDate":\(Self.epoch(daysAgo: number + 1)),\
                    "ResourceCountByStatus":"\(counts)"}
                    """
            }
            body += "]\(Self.nextToken(page.next))}"
            return .json(body)
        case "DescribeAssociationExecutionTargets":
            guard deployed, let region, let executionId = request.jsonString("ExecutionId"),
                let number = organization.executionNumber(executionId), number < organization.executionsPerAssociation
            else {
                return .error(service: "ssm", status: 400, code: "AssociationExecutionDoesNotExist", message: "The specified execution does not exist.")
            }
            // Older executions also ran on instances that have lost their connection since.
            let targets = organization.managedInstances(account: account, region: region).filter { number > 0 || $0.pingStatus == "Online" }
            let page = Self.page(targets, token: request.jsonString("NextToken"), size: min(50, request.jsonInt("MaxResults") ?? 50))
            let associationId = organization.associationId(account: account, region: region)
            var body: WireBytes = "{\"AssociationExecutionTargets\":["
            body.reserveCapacity(page.items.count * 400 + 100)
            body.append(page.items, separator: ",") { instance in
                let status = number == 0 ? instance.outcome : "Success"
                return """
                    {"AssociationId":"\(associationId)","AssociationVersion":"1","ExecutionId":"\(executionId)",\
                    "ResourceId":"i-\(instance.idSuffix)","ResourceType":"ManagedInstance","Status":"\(status)",\
                    "DetailedStatus":"\(status)","LastExecutionDate":\(Self.epoch(daysAgo: number + 1)),\
                    "OutputSource":{"OutputSourceId":"i-\(instance.idSuffix)-1","OutputSourceType":"RunCommand"}}
                    """
            }
            body += "]\(Self.nextToken(page.next))}"
            return .json(body, account: account)
        default:
            return nil
        }
    }

    /// The body of a `DescribeInstanceInformation` page of `instances` (of one account) as text.
    public func describeInstanceInformationBody(_ instances: some Collection<SyntheticOrganization.Instance>, next: String?) -> String {
        let body = Self.describeInstanceInformation(instances, next: next)
        return String(decoding: body.filled(account: instances.first?.account ?? 0), as: UTF8.self)
    }

    /// The body of a `DescribeInstanceInformation` page of `instances`, every account's (a template).
    static func describeInstanceInformation(_ instances: some Collection<SyntheticOrganization.Instance>, next: String?) -> WireBytes {
        var body: WireBytes = "{\"InstanceInformationList\":["
        body.reserveCapacity(instances.count * 1100 + 100)
        body.append(instances, separator: ",") { instance in
            let platform: StaticString = instance.index % 5 == 4
                ? "\"PlatformType\":\"Windows\",\"PlatformName\":\"Microsoft Windows Server 2022 Datacenter\",\"PlatformVersion\":\"10.0.20348\","
                : "\"PlatformType\":\"Linux\",\"PlatformName\":\"Amazon Linux\",\"PlatformVersion\":\"2023\","
            let (high, low) = (instance.index / 256 % 256, instance.index % 256)
            return """
                {"InstanceId":"i-\(instance.idSuffix)","PingStatus":"\(instance.pingStatus)",\
                "LastPingDateTime":\(Self.epoch()).125,"AgentVersion":"3.3.1142.0","IsLatestVersion":false,\
                \(platform)\
                "ResourceType":"EC2Instance","IPAddress":"10.0.\(high).\(low)",\
                "ComputerName":"ip-10-0-\(high)-\(low).ec2.internal",\
                "AssociationStatus":"\(instance.outcome)","LastAssociationExecutionDate":\(Self.epoch(daysAgo: 1)),\
                "LastSuccessfulAssociationExecutionDate":\(Self.epoch(daysAgo: 1)),\
                "AssociationOverview":{"DetailedStatus":"\(instance.outcome)","InstanceAssociationStatusAggregatedCount":{"\(instance.outcome)":1}},\
                "SourceId":"i-\(instance.idSuffix)","SourceType":"AWS::EC2::Instance","IamRole":"SSMInstanceRole"}
                """
        }
        body += "]\(Self.nextToken(next))}"
        return body
    }

    static func nextToken(_ token: String?) -> WireBytes {
        token.map { ",\"NextToken\":\"\($0)\"" } ?? ""
    }

    /// The deployment's association as `ListAssociations` (`full: false`) or `DescribeAssociation` shows it.
    func association(account: Int, region: Int, full: Bool) -> WireBytes {
        var json: WireBytes = """
            {"AssociationId":"\(organization.associationId(account: account, region: region))",\
            "AssociationName":"\(SyntheticOrganization.associationName)",\
            "Name":"AWS-ConfigureAWSPackage","DocumentVersion":"$DEFAULT","AssociationVersion":"1",\
            "ScheduleExpression":"cron(15 10 * * ? *)","Targets":[{"Key":"InstanceIds","Values":["*"]}],\
            "LastExecutionDate":\(Self.epoch(daysAgo: 1)),\
            "Overview":{"Status":"Success","DetailedStatus":"Success","AssociationStatusAggregatedCount":{"Success":1}}
            """
        if full {
            json += """
                ,"Parameters":{"action":["Install"],"installationType":["In-place update"],\
                "name":["TrendMicro-CloudOne-WorkloadSecurity"]},"Date":\(Self.epoch(daysAgo: 30)),\
                "ComplianceSeverity":"UNSPECIFIED","ApplyOnlyAtCronInterval":false
                """
        }
        json += "}"
        return json
    }
}
