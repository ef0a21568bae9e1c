import AWSCore

/// Amazon EC2: regions and instances.
public struct EC2: Sendable {
    let client: AWSClient
    let context: AWSCallContext

    public init(client: AWSClient, context: AWSCallContext) {
        self.client = client
        self.context = context
    }

    /// A region and whether the account has it enabled.
    public struct Region: Decodable, Sendable, Equatable {
        public var regionName: String
        /// `opt-in-not-required`, `opted-in` or `not-opted-in`.
        public var optInStatus: String?
    }

    /// An EC2 instance, with the fields Preflight reads (the others are skipped, not kept).
    public struct Instance: Decodable, Sendable, Equatable {
        public var instanceId: String
        public var instanceState: State
        public var iamInstanceProfile: InstanceProfile?
        public var subnetId: String?
        public var vpcId: String?
        public var privateIpAddress: String?
        /// The public IPv4 address, its own or an Elastic IP.
        public var ipAddress: String?
        public var groupSet: [Group]?
        public var metadataOptions: MetadataOptions?
        /// `windows` for Windows instances, absent otherwise.
        public var platform: String?
        public var imageId: String?

        /// A security group of the instance.
        public struct Group: Decodable, Sendable, Equatable {
            public var groupId: String
        }

        /// The instance metadata service's settings.
        public struct MetadataOptions: Decodable, Sendable, Equatable {
            /// `enabled` or `disabled`: without the endpoint the agent cannot learn its identity.
            public var httpEndpoint: String?
        }

        /// The instance's lifecycle state.
        public struct State: Decodable, Sendable, Equatable {
            /// `pending`, `running`, `shutting-down`, `terminated`, `stopping` or `stopped`.
            public var name: String
        }

        /// The instance profile attached to an instance.
        public struct InstanceProfile: Decodable, Sendable, Equatable {
            public var arn: String
        }
    }

    struct RegionsResponse: Decodable, Sendable { var regionInfo: [Region]? }
    struct InstancesPage: Decodable, Sendable {
        struct Reservation: Decodable, Sendable { var instancesSet: [Instance]? }
        var reservationSet: [Reservation]?
        var nextToken: String?
    }

    /// `ec2:DescribeRegions`: the regions enabled for the account.
    public func describeRegions() async throws -> [Region] {
        let response: RegionsResponse = try await client.query(
            .describeRegions, service: .ec2, context: context, parameters: QueryParameters())
        return response.regionInfo ?? []
    }

    /// `ec2:DescribeInstances` filtered by instance state, 1,000 per page, every page.
    public func describeInstances(states: [String]) async throws -> [Instance] {
        try await describeInstances(filters: [(name: "instance-state-name", values: states)])
    }

    /// The instances among `ids` that exist (in any state but terminated), 200 ids per request, every page.
    public func existingInstances(ids: [String]) async throws -> [Instance] {
        var found: [Instance] = []
        for start in stride(from: 0, to: ids.count, by: 200) {
            found += try await describeInstances(filters: [
                (name: "instance-id", values: Array(ids[start..<min(start + 200, ids.count)])),
                (name: "instance-state-name", values: ["pending", "running", "shutting-down", "stopping", "stopped"]),
            ])
        }
        return found
    }

    private func describeInstances(filters: [(name: String, values: [String])]) async throws -> [Instance] {
        let pages = PaginatedSequence<InstancesPage>(service: "ec2", operation: "DescribeInstances") { token in
            var parameters = QueryParameters()
            parameters.addEC2Filters(filters)
            parameters.add("MaxResults", 1000)
            parameters.add("NextToken", token)
            let page: InstancesPage = try await client.query(
                .describeInstances, service: .ec2, context: context, parameters: parameters)
            return (page, page.nextToken)
        }
        return try await pages.collect { page in
            (page.reservationSet ?? []).flatMap { $0.instancesSet ?? [] }
        }
    }
}
