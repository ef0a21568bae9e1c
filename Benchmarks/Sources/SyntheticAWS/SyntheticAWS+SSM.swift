extension SyntheticAWS {
    static let parameterNames = ["dsActivationUrl", "dsManagerUrl", "dsTenantId", "dsToken"]

    func ssm(_ request: SyntheticRequest, account: Int) -> SyntheticResponse? {
        let region = regionIndex(request.region)
        let deployed = region.map { isEnabled(region: $0) && organization.isDeployed(account: account, region: $0) } ?? false
        switch request.operation {
        case "DescribeInstanceInformation":
            let managed = region.flatMap { isEnabled(region: $0) ? organization.managedInstances(account: account, region: $0) : nil } ?? []
            let page = Self.page(managed, token: request.jsonString("NextToken"), size: min(50, request.jsonInt("MaxResults") ?? 50))
            return .json(describeInstanceInformationBody(page.items, next: page.next))
        case "GetParameters":
            guard deployed else {
                return .json("{\"Parameters\":[],\"InvalidParameters\":[" + Self.parameterNames.map(Self.quoted).joined(separator: ",") + "]}")
            }
            let values = [
                ("dsActivationUrl", "String", "dsm://agents.workload.trendmicro.com:443/"),
                ("dsManagerUrl", "String", "https://workload.trendmicro.com:443"),
                ("dsTenantId", "SecureString", "AQICAHhBenchEncryptedTenantIdValue=="),
                ("dsToken", "SecureString", "AQICAHhBenchEncryptedTokenValue=="),
            ]
            let items = values.map { name, type, value in
                "{\"Name\":\"\(name)\",\"Type\":\"\(type)\",\"Value\":\"\(value)\",\"Version\":1,"
                    + "\"LastModifiedDate\":\(Self.epoch(daysAgo: 30)),\"ARN\":\"arn:aws:ssm:\(request.region):"
                    + "\(organization.accountId(account)):parameter/\(name)\",\"DataType\":\"text\"}"
            }
            return .json("{\"Parameters\":[" + items.joined(separator: ",") + "],\"InvalidParameters\":[]}")
        case "ListAssociations":
            guard deployed, let region else { return .json("{\"Associations\":[]}") }
            return .json("{\"Associations\":[" + association(account: account, region: region, full: false) + "]}")
        case "DescribeAssociation":
            guard deployed, let region, request.jsonString("AssociationId") == organization.associationId(account: account, region: region) else {
                return .error(service: "ssm", status: 400, code: "AssociationDoesNotExist", message: "The specified association does not exist.")
            }
            return .json("{\"AssociationDescription\":" + association(account: account, region: region, full: true) + "}")
        case "DescribeAssociationExecutions":
            guard deployed, let region, request.jsonString("AssociationId") == organization.associationId(account: account, region: region) else {
                return .error(service: "ssm", status: 400, code: "AssociationDoesNotExist", message: "The specified association does not exist.")
            }
            let page = Self.page(
                count: organization.executionsPerAssociation, token: request.jsonString("NextToken"),
                size: min(50, request.jsonInt("MaxResults") ?? 50))
            let online = organization.managedInstances(account: account, region: region).filter { $0.pingStatus == "Online" }
            let failed = online.filter { $0.outcome != "Success" }.count
            let items = page.range.map { number in
                let counts = number == 0 && failed > 0
                    ? "{Failed=\(failed), Success=\(online.count - failed)}" : "{Success=\(online.count)}"
                return "{\"AssociationId\":\"\(organization.associationId(account: account, region: region))\",\"AssociationVersion\":\"1\","
                    + "\"ExecutionId\":\"\(organization.executionId(account: account, region: region, number: number))\","
                    + "\"Status\":\"\(number == 0 && failed > 0 ? "Failed" : "Success")\",\"DetailedStatus\":\"\(number == 0 && failed > 0 ? "Failed" : "Success")\","
                    + "\"CreatedTime\":\(Self.epoch(daysAgo: number + 1)),\"LastExecutionDate\":\(Self.epoch(daysAgo: number + 1)),"
                    + "\"ResourceCountByStatus\":\"\(counts)\"}"
            }
            return .json("{\"AssociationExecutions\":[" + items.joined(separator: ",") + "]" + Self.nextToken(page.next) + "}")
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
            let items = page.items.map { instance in
                let status = number == 0 ? instance.outcome : "Success"
                return "{\"AssociationId\":\"\(associationId)\",\"AssociationVersion\":\"1\",\"ExecutionId\":\"\(executionId)\","
                    + "\"ResourceId\":\"\(instance.id)\",\"ResourceType\":\"ManagedInstance\",\"Status\":\"\(status)\","
                    + "\"DetailedStatus\":\"\(status)\",\"LastExecutionDate\":\(Self.epoch(daysAgo: number + 1)),"
                    + "\"OutputSource\":{\"OutputSourceId\":\"\(instance.id)-1\",\"OutputSourceType\":\"RunCommand\"}}"
            }
            return .json("{\"AssociationExecutionTargets\":[" + items.joined(separator: ",") + "]" + Self.nextToken(page.next) + "}")
        default:
            return nil
        }
    }

    /// The body of a `DescribeInstanceInformation` page.
    public func describeInstanceInformationBody(_ instances: some Collection<SyntheticOrganization.Instance>, next: String?) -> String {
        var body = "{\"InstanceInformationList\":["
        body.reserveCapacity(instances.count * 700 + 100)
        var first = true
        for instance in instances {
            if !first { body += "," }
            first = false
            let windows = instance.index % 5 == 4
            body += "{\"InstanceId\":\"\(instance.id)\",\"PingStatus\":\"\(instance.pingStatus)\","
            body += "\"LastPingDateTime\":\(Self.epoch()).125,\"AgentVersion\":\"3.3.1142.0\",\"IsLatestVersion\":false,"
            body += windows
                ? "\"PlatformType\":\"Windows\",\"PlatformName\":\"Microsoft Windows Server 2022 Datacenter\",\"PlatformVersion\":\"10.0.20348\","
                : "\"PlatformType\":\"Linux\",\"PlatformName\":\"Amazon Linux\",\"PlatformVersion\":\"2023\","
            body += "\"ResourceType\":\"EC2Instance\",\"IPAddress\":\"10.0.\(instance.index / 256 % 256).\(instance.index % 256)\","
            body += "\"ComputerName\":\"ip-10-0-\(instance.index / 256 % 256)-\(instance.index % 256).ec2.internal\","
            body += "\"AssociationStatus\":\"\(instance.outcome)\",\"LastAssociationExecutionDate\":\(Self.epoch(daysAgo: 1)),"
            body += "\"LastSuccessfulAssociationExecutionDate\":\(Self.epoch(daysAgo: 1)),"
            body += "\"AssociationOverview\":{\"DetailedStatus\":\"\(instance.outcome)\",\"InstanceAssociationStatusAggregatedCount\":{\"\(instance.outcome)\":1}},"
            body += "\"SourceId\":\"\(instance.id)\",\"SourceType\":\"AWS::EC2::Instance\",\"IamRole\":\"SSMInstanceRole\"}"
        }
        body += "]" + Self.nextToken(next) + "}"
        return body
    }

    static func nextToken(_ token: String?) -> String {
        token.map { ",\"NextToken\":\"\($0)\"" } ?? ""
    }

    /// The deployment's association as `ListAssociations` (`full: false`) or `DescribeAssociation` shows it.
    func association(account: Int, region: Int, full: Bool) -> String {
        let id = organization.associationId(account: account, region: region)
        var json = "{\"AssociationId\":\"\(id)\",\"AssociationName\":\"\(SyntheticOrganization.associationName)\","
        json += "\"Name\":\"AWS-ConfigureAWSPackage\",\"DocumentVersion\":\"$DEFAULT\",\"AssociationVersion\":\"1\","
        json += "\"ScheduleExpression\":\"cron(15 10 * * ? *)\",\"Targets\":[{\"Key\":\"InstanceIds\",\"Values\":[\"*\"]}],"
        json += "\"LastExecutionDate\":\(Self.epoch(daysAgo: 1)),"
        json += "\"Overview\":{\"Status\":\"Success\",\"DetailedStatus\":\"Success\",\"AssociationStatusAggregatedCount\":{\"Success\":1}}"
        if full {
            json += ",\"Parameters\":{\"action\":[\"Install\"],\"installationType\":[\"In-place update\"],"
            json += "\"name\":[\"TrendMicro-CloudOne-WorkloadSecurity\"]},\"Date\":\(Self.epoch(daysAgo: 30)),"
            json += "\"ComplianceSeverity\":\"UNSPECIFIED\",\"ApplyOnlyAtCronInterval\":false"
        }
        return json + "}"
    }
}
