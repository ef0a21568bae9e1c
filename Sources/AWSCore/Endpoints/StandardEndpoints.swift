/// The standard host names of the services Preflight calls, from botocore's `data/endpoints.json`: each partition's
/// host templates, the global services' hosts, and which regions have FIPS and dual-stack endpoints.
enum StandardEndpoints {
    /// Regions of the `aws` partition with FIPS endpoints, per signing name.
    private static let fipsRegions: [String: Set<String>] = {
        let unitedStates: Set = ["us-east-1", "us-east-2", "us-west-1", "us-west-2"]
        let northAmerica = unitedStates.union(["ca-central-1", "ca-west-1"])
        return [
            "sts": unitedStates, "cloudformation": unitedStates,
            "ec2": northAmerica, "ssm": northAmerica, "secretsmanager": northAmerica, "s3": northAmerica,
        ]
    }()

    /// Services whose `us-gov` FIPS endpoint is their standard host (others use `{service}-fips`).
    private static let govFIPSIsStandard: Set = ["sts", "ec2", "ssm", "cloudformation", "servicequotas"]

    /// Services with regional dual-stack endpoints (`{service}.{region}.api.aws`), per partition.
    private static let dualStackServices: [AWSPartition: Set<String>] = [
        .aws: ["ec2", "secretsmanager"], .awsUSGov: ["ec2", "secretsmanager"], .awsCN: ["secretsmanager"],
    ]

    /// Services whose dual-stack endpoints are `{service}.dualstack.{region}.{dnsSuffix}` instead.
    private static let dualStackInfixServices: Set = ["s3"]

    /// Global hosts per signing name, partition and variant.
    private static let globalHosts: [String: [AWSPartition: [EndpointVariant: String]]] = [
        "iam": [
            .aws: [
                .standard: "iam.amazonaws.com", EndpointVariant(fips: true): "iam-fips.amazonaws.com",
                EndpointVariant(dualStack: true): "iam.global.api.aws",
            ],
            .awsUSGov: [.standard: "iam.us-gov.amazonaws.com", EndpointVariant(fips: true): "iam.us-gov.amazonaws.com"],
            .awsCN: [.standard: "iam.cn-north-1.amazonaws.com.cn"],
        ],
        "organizations": [
            .aws: [
                .standard: "organizations.us-east-1.amazonaws.com",
                EndpointVariant(fips: true): "organizations-fips.us-east-1.amazonaws.com",
            ],
            .awsUSGov: [
                .standard: "organizations.us-gov-west-1.amazonaws.com",
                EndpointVariant(fips: true): "organizations.us-gov-west-1.amazonaws.com",
            ],
            .awsCN: [.standard: "organizations.cn-northwest-1.amazonaws.com.cn"],
        ],
        "account": [.aws: [.standard: "account.us-east-1.amazonaws.com"]],
    ]

    /// The DNS suffix of a partition's dual-stack endpoints.
    private static func dualStackSuffix(_ partition: AWSPartition) -> String {
        switch partition {
        case .aws, .awsUSGov: "api.aws"
        case .awsCN: "api.amazonwebservices.com.cn"
        }
    }

    /// The host of `service` in `region` for `variant`, or `nil` when the service has no such endpoint there.
    static func host(service: AWSServiceDescription, region: Region, variant: EndpointVariant) -> String? {
        let name = service.signingName
        let partition = region.partition
        if service.isGlobal {
            return globalHosts[name]?[partition]?[variant]
        }
        let fipsName: String? =
            switch partition {
            case .aws: fipsRegions[name]?.contains(region.rawValue) == true ? "\(name)-fips" : nil
            case .awsUSGov: govFIPSIsStandard.contains(name) ? name : "\(name)-fips"
            case .awsCN: nil
            }
        switch (variant.fips, variant.dualStack) {
        case (false, false):
            return "\(name).\(region.rawValue).\(partition.dnsSuffix)"
        case (true, false):
            return fipsName.map { "\($0).\(region.rawValue).\(partition.dnsSuffix)" }
        case (_, true) where dualStackInfixServices.contains(name):
            guard !variant.fips || fipsName != nil else { return nil }
            return "\(variant.fips ? "\(name)-fips" : name).dualstack.\(region.rawValue).\(partition.dnsSuffix)"
        case (false, true):
            guard dualStackServices[partition]?.contains(name) == true else { return nil }
            return "\(name).\(region.rawValue).\(dualStackSuffix(partition))"
        case (true, true):
            guard dualStackServices[partition]?.contains(name) == true, fipsName != nil else { return nil }
            return "\(name)-fips.\(region.rawValue).\(dualStackSuffix(partition))"
        }
    }
}
