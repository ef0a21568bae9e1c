extension SyntheticAWS {
    static var parameterNames: [String] { deployedParameters.map(\.name) }

    func ssm(_ request: SyntheticRequest, account: Int) -> SyntheticResponse? {
        let region = regionIndex(request.region)
        let deployed = region.map { isEnabled(region: $0) && organization.isDeployed(account: account, region: $0) } ?? false
        switch request.operation {
        case "DescribeInstanceInformation":
            let managed = region.flatMap { isEnabled(region: $0) ? organization.managedInstances(account: account, region: $0) : nil } ?? []
            let page = Self.page(managed, token: request.jsonString("NextToken"), size: min(50, request.jsonInt("MaxResults") ?? 50))
            let body =
                if sharesFirstPages, let region, isEnabled(region: region), page.items.indices == firstInstanceInformationPages.range {
                    firstInstanceInformationPages.bodies[region]
                } else {
                    Self.describeInstanceInformation(page.items, next: page.next)
                }
            return .json(body, account: account)
        case "GetServiceSetting":
            let setting = request.jsonString("SettingId") ?? ""
            return .json("""
                {"ServiceSetting":{"SettingId":"\(setting)","SettingValue":"$None","Status":"Default",\
                "LastModifiedUser":"System","LastModifiedDate":\(Self.epoch(daysAgo: 30)),\
                "ARN":"arn:aws:ssm:\(request.region):\(organization.accountId(account)):servicesetting\(setting)"}}
                """)
        case "GetParameters":
            let parameters = Self.parameterNames.compactMap { name in
                parameter(name, account: account, region: request.region, deployed: deployed).map { (name, $0.type, $0.value) }
            }
            let found = Set(parameters.map(\.0))
            let accountId = organization.accountId(account)
            var body: WireBytes = "{\"Parameters\":["
            body.append(parameters, separator: ",") { name, type, value in
                """
                {"Name":"\(name)","Type":"\(type)","Value":"\(value)","Version":1,\
                "LastModifiedDate":\(Self.epoch(daysAgo: 30)),"ARN":"arn:aws:ssm:\(request.region):\
                \(accountId):parameter/\(name)","DataType":"text"}
                """
            }
            body += "],\"InvalidParameters\":["
            body.append(Self.parameterNames.filter { !found.contains($0) }, separator: ",") { "\"\($0)\"" }
            body += "]}"
            return .json(body)
        case "ListAssociations":
            guard let region, let shape = associationShape(account: account, region: region, deployed: deployed) else {
                return .json("{\"Associations\":[]}")
            }
            return .json("{\"Associations\":[\(association(account: account, region: region, full: false, shape: shape))]}")
        case "DescribeAssociation":
            guard let region, let shape = associationShape(account: account, region: region, deployed: deployed),
                request.jsonString("AssociationId") == organization.associationId(account: account, region: region)
            else {
                return .error(service: "ssm", status: 400, code: "AssociationDoesNotExist", message: "The specified association does not exist.")
            }
            return .json("{\"AssociationDescription\":\(association(account: account, region: region, full: true, shape: shape))}")
        case "DescribeAssociationExecutions":
            guard let region, associationShape(account: account, region: region, deployed: deployed) != nil,
                request.jsonString("AssociationId") == organization.associationId(account: account, region: region)
            else {
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
            guard let region, associationShape(account: account, region: region, deployed: deployed) != nil,
                let executionId = request.jsonString("ExecutionId"),
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

    /// The deployment's parameters as the StackSet creates them: name, type and value.
    static let deployedParameters: [(name: String, type: String, value: String)] = [
        ("dsActivationUrl", "String", "dsm://agents.workload.trendmicro.com:443/"),
        ("dsManagerUrl", "String", "https://workload.trendmicro.com:443"),
        ("dsTenantId", "SecureString", "AQICAHhBenchEncryptedTenantIdValue=="),
        ("dsToken", "SecureString", "AQICAHhBenchEncryptedTokenValue=="),
    ]

    /// The type and value of parameter `name` in `account` and `region`, `nil` when it does not exist there.
    func parameter(_ name: String, account: Int, region: String, deployed: Bool) -> (type: String, value: String)? {
        let change = organization.variations.parameters.first { $0.matches(name: name, account: account, region: region) }
        switch change?.change {
        case .missing: return nil
        case .value(let type, let value): return (type, value)
        case nil:
            guard deployed, let parameter = Self.deployedParameters.first(where: { $0.name == name }) else { return nil }
            return (parameter.type, parameter.value)
        }
    }

    /// The association's fields that differ from the deployed ones: document, schedule and package.
    struct AssociationShape {
        var document = "AWS-ConfigureAWSPackage"
        var schedule = "cron(15 10 * * ? *)"
        var package = "TrendMicro-CloudOne-WorkloadSecurity"
    }

    /// The association in `account` and `region`, `nil` when it does not exist there.
    func associationShape(account: Int, region: Int, deployed: Bool) -> AssociationShape? {
        let variations = organization.variations.associations
        let change = variations.isEmpty ? nil : variations[.init(account: account, region: SyntheticOrganization.allRegions[region])]
        var shape = AssociationShape()
        switch change {
        case nil: return deployed ? shape : nil
        case .missing: return nil
        case .asDeployed: break
        case .schedule(let schedule): shape.schedule = schedule
        case .document(let document): shape.document = document
        case .package(let package): shape.package = package
        }
        return shape
    }

    /// The deployment's association as `ListAssociations` (`full: false`) or `DescribeAssociation` shows it.
    func association(account: Int, region: Int, full: Bool, shape: AssociationShape) -> WireBytes {
        var json: WireBytes = """
            {"AssociationId":"\(organization.associationId(account: account, region: region))",\
            "AssociationName":"\(SyntheticOrganization.associationName)",\
            "Name":"\(shape.document)","DocumentVersion":"$DEFAULT","AssociationVersion":"1",\
            "ScheduleExpression":"\(shape.schedule)","Targets":[{"Key":"InstanceIds","Values":["*"]}],\
            "LastExecutionDate":\(Self.epoch(daysAgo: 1)),\
            "Overview":{"Status":"Success","DetailedStatus":"Success","AssociationStatusAggregatedCount":{"Success":1}}
            """
        if full {
            json += """
                ,"Parameters":{"action":["Install"],"installationType":["In-place update"],\
                "name":["\(shape.package)"]},"Date":\(Self.epoch(daysAgo: 30)),\
                "ComplianceSeverity":"UNSPECIFIED","ApplyOnlyAtCronInterval":false
                """
        }
        json += "}"
        return json
    }
}
