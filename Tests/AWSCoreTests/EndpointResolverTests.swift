import AWSCore
import Foundation
import Logging
import Testing

@Suite struct EndpointResolverTests {
    private func url(_ service: AWSServiceDescription, _ region: String, _ environment: [String: String] = [:]) throws
        -> String
    {
        try EndpointResolver(environment: environment).endpoint(for: service, region: region).url.absoluteString
    }

    @Test(arguments: [
        (AWSServiceDescription.ssm, "eu-west-1", "https://ssm.eu-west-1.amazonaws.com/", "eu-west-1"),
        (.ec2, "us-gov-east-1", "https://ec2.us-gov-east-1.amazonaws.com/", "us-gov-east-1"),
        (.secretsManager, "cn-northwest-1", "https://secretsmanager.cn-northwest-1.amazonaws.com.cn/", "cn-northwest-1"),
        (.sts, "ap-southeast-2", "https://sts.ap-southeast-2.amazonaws.com/", "ap-southeast-2"),
        (.iam, "eu-central-1", "https://iam.amazonaws.com/", "us-east-1"),
        (.iam, "us-gov-east-1", "https://iam.us-gov.amazonaws.com/", "us-gov-west-1"),
        (.iam, "cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn/", "cn-north-1"),
        (.organizations, "ap-south-1", "https://organizations.us-east-1.amazonaws.com/", "us-east-1"),
        (.organizations, "us-gov-west-1", "https://organizations.us-gov-west-1.amazonaws.com/", "us-gov-west-1"),
        (.organizations, "cn-north-1", "https://organizations.cn-northwest-1.amazonaws.com.cn/", "cn-north-1"),
    ])
    func standardEndpointsPerPartition(service: AWSServiceDescription, region: String, url: String, signing: String)
        throws
    {
        let endpoint = try EndpointResolver(environment: [:]).endpoint(for: service, region: region)
        #expect(endpoint.url.absoluteString == url)
        #expect(endpoint.signingRegion == signing)
        #expect(endpoint.host == URL(string: url)?.host)
    }

    @Test func serviceOverrideBeatsTheGlobalOverride() throws {
        let environment = ["AWS_ENDPOINT_URL": "http://localhost:4566", "AWS_ENDPOINT_URL_SSM": "https://ssm.test:8443/base/"]
        let ssm = try EndpointResolver(environment: environment).endpoint(for: .ssm, region: "eu-west-1")
        #expect(ssm.url.absoluteString == "https://ssm.test:8443/base/")
        #expect(ssm.host == "ssm.test:8443")
        #expect(ssm.signingRegion == "eu-west-1")
        let ec2 = try EndpointResolver(environment: environment).endpoint(for: .ec2, region: "eu-west-1")
        #expect(ec2.url.absoluteString == "http://localhost:4566/")
        #expect(ec2.host == "localhost:4566")
        #expect(try url(.secretsManager, "eu-west-1", ["AWS_ENDPOINT_URL_SECRETS_MANAGER": "http://sm:80"]) == "http://sm/")
    }

    @Test func ignoreConfiguredEndpointURLs() throws {
        let environment = [
            "AWS_ENDPOINT_URL": "http://localhost:4566", "AWS_ENDPOINT_URL_SSM": "http://localhost:1",
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "TRUE",
        ]
        #expect(try url(.ssm, "eu-west-1", environment) == "https://ssm.eu-west-1.amazonaws.com/")
        #expect(try url(.ec2, "eu-west-1", environment) == "https://ec2.eu-west-1.amazonaws.com/")
    }

    @Test(arguments: [
        "ftp://example.com", "localhost:4566", "http://", "http://user:pass@host", "http://host/?a=1", "http://host/#x",
        "not a url", "http://host:0",
    ])
    func invalidOverridesAreRefusedWithoutQuotingThem(value: String) {
        let error = #expect(throws: EndpointError.self) {
            try EndpointResolver(environment: ["AWS_ENDPOINT_URL_IAM": value])
        }
        #expect(error?.kind == .invalidSetting)
        #expect(error?.description.hasPrefix("AWS_ENDPOINT_URL_IAM is not an http(s) URL") == true)
        #expect(error?.description.contains(value) == false)
    }

    @Test(arguments: [
        "a@127.0.0.1:18443/", "us-east-1.evil.com", "us-east-1/", "us-east-1#", "127.0.0.1", "", "US-EAST-1",
        "us-east-1\n", "eu-west-1:443", "x.y-1",
    ])
    func hostileRegionsAreRefused(region: String) {
        for environment in [[:], ["AWS_ENDPOINT_URL": "http://localhost:4566"]] {
            let error = #expect(throws: EndpointError.self) {
                try EndpointResolver(environment: environment).endpoint(for: .ssm, region: region)
            }
            #expect(error?.kind == .invalidRegion)
        }
    }

    /// The client refuses the call before sending anything.
    @Test func theClientNeverSendsARequestForAnInvalidRegion() async throws {
        let transport = CountingTransport()
        let client = AWSClient(
            transport: transport, endpoints: try EndpointResolver(environment: [:]),
            retry: RetryConfiguration(mode: .standard, maxAttempts: 3), logger: Logger(label: "test"))
        let error = await #expect(throws: AWSClientError.self) {
            let _: [String: String] = try await client.json(
                .describeInstanceInformation, service: .ssm,
                context: AWSCallContext(region: "a@127.0.0.1:18443/", credentials: nil), input: [String: String]())
        }
        #expect(error?.kind == .invalidEndpoint)
        #expect(error?.message.contains("is not a region name") == true)
        #expect(transport.count == 0)
    }

    @Test(arguments: [
        (AWSServiceDescription.sts, "us-east-1", "https://sts-fips.us-east-1.amazonaws.com/"),
        (.ssm, "ca-central-1", "https://ssm-fips.ca-central-1.amazonaws.com/"),
        (.ec2, "us-west-2", "https://ec2-fips.us-west-2.amazonaws.com/"),
        (.cloudFormation, "us-east-2", "https://cloudformation-fips.us-east-2.amazonaws.com/"),
        (.secretsManager, "us-west-1", "https://secretsmanager-fips.us-west-1.amazonaws.com/"),
        (.iam, "eu-west-1", "https://iam-fips.amazonaws.com/"),
        (.organizations, "eu-west-1", "https://organizations-fips.us-east-1.amazonaws.com/"),
        (.sts, "us-gov-west-1", "https://sts.us-gov-west-1.amazonaws.com/"),
        (.secretsManager, "us-gov-east-1", "https://secretsmanager-fips.us-gov-east-1.amazonaws.com/"),
        (.iam, "us-gov-west-1", "https://iam.us-gov.amazonaws.com/"),
    ])
    func fipsEndpoints(service: AWSServiceDescription, region: String, expected: String) throws {
        #expect(try url(service, region, ["AWS_USE_FIPS_ENDPOINT": "true"]) == expected)
    }

    @Test(arguments: [
        (AWSServiceDescription.ec2, "eu-west-1", "https://ec2.eu-west-1.api.aws/"),
        (.secretsManager, "cn-north-1", "https://secretsmanager.cn-north-1.api.amazonwebservices.com.cn/"),
        (.iam, "eu-west-1", "https://iam.global.api.aws/"),
    ])
    func dualStackEndpoints(service: AWSServiceDescription, region: String, expected: String) throws {
        #expect(try url(service, region, ["AWS_USE_DUALSTACK_ENDPOINT": "true"]) == expected)
    }

    @Test func fipsAndDualStackTogether() throws {
        let environment = ["AWS_USE_FIPS_ENDPOINT": "true", "AWS_USE_DUALSTACK_ENDPOINT": "true"]
        #expect(try url(.secretsManager, "us-east-1", environment) == "https://secretsmanager-fips.us-east-1.api.aws/")
    }

    @Test(arguments: [
        (AWSServiceDescription.ssm, "eu-west-1", ["AWS_USE_FIPS_ENDPOINT": "true"]),
        (.ec2, "cn-north-1", ["AWS_USE_FIPS_ENDPOINT": "true"]),
        (.iam, "cn-north-1", ["AWS_USE_FIPS_ENDPOINT": "true"]),
        (.ssm, "eu-west-1", ["AWS_USE_DUALSTACK_ENDPOINT": "true"]),
        (.organizations, "us-east-1", ["AWS_USE_DUALSTACK_ENDPOINT": "true"]),
    ])
    func missingVariantsAreErrorsNotStandardEndpoints(
        service: AWSServiceDescription, region: String, environment: [String: String]
    ) {
        let error = #expect(throws: EndpointError.self) { try url(service, region, environment) }
        #expect(error?.kind == .unsupportedVariant)
    }

    @Test func overridesWinOverFIPS() throws {
        let environment = ["AWS_USE_FIPS_ENDPOINT": "true", "AWS_ENDPOINT_URL": "http://localhost:4566"]
        #expect(try url(.ssm, "eu-west-1", environment) == "http://localhost:4566/")
    }

    @Test(arguments: ["AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"])
    func flagsMustBeBooleans(variable: String) {
        let error = #expect(throws: EndpointError.self) { try EndpointResolver(environment: [variable: "yes"]) }
        #expect(error?.description == "\(variable) must be true or false")
    }

    @Test func profileSettingsAndServicesSections() throws {
        let home = try CredentialTestDirectory()
        defer { home.remove() }
        try home.writeConfig(
            """
            [profile dev]
            services = local
            endpoint_url = http://profile.test:9000
            use_fips_endpoint = true

            [services local]
            ssm =
              endpoint_url = http://ssm.local:4566
            secrets_manager =
              endpoint_url = http://sm.local:4567

            [profile fips]
            use_fips_endpoint = true
            """)
        let dev = try EndpointResolver.load(environment: home.environment(), profile: "dev")
        #expect(try dev.endpoint(for: .ssm, region: "eu-west-1").url.absoluteString == "http://ssm.local:4566/")
        #expect(
            try dev.endpoint(for: .secretsManager, region: "eu-west-1").url.absoluteString == "http://sm.local:4567/")
        #expect(try dev.endpoint(for: .ec2, region: "eu-west-1").url.absoluteString == "http://profile.test:9000/")
        let overridden = try EndpointResolver.load(
            environment: home.environment([
                "AWS_ENDPOINT_URL_SSM": "http://env.ssm:1", "AWS_ENDPOINT_URL": "http://env.all:2",
            ]), profile: "dev")
        #expect(try overridden.endpoint(for: .ssm, region: "eu-west-1").url.absoluteString == "http://env.ssm:1/")
        #expect(
            try overridden.endpoint(for: .secretsManager, region: "eu-west-1").url.absoluteString
                == "http://sm.local:4567/")
        #expect(try overridden.endpoint(for: .ec2, region: "eu-west-1").url.absoluteString == "http://env.all:2/")
        let ignored = try EndpointResolver.load(
            environment: home.environment(["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]), profile: "dev")
        #expect(try ignored.endpoint(for: .ssm, region: "us-east-1").url.absoluteString == "https://ssm-fips.us-east-1.amazonaws.com/")
        let fips = try EndpointResolver.load(environment: home.environment(), profile: "fips")
        #expect(fips.variant == EndpointVariant(fips: true))
        let notFIPS = try EndpointResolver.load(
            environment: home.environment(["AWS_USE_FIPS_ENDPOINT": "false"]), profile: "fips")
        #expect(notFIPS.variant == .standard)
    }
}

/// Counts the requests it is asked to send and answers none.
final class CountingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var sent = 0

    var count: Int { lock.withLock { sent } }

    func send(_ request: AWSHTTPRequest, timeout: Duration) async throws -> AWSHTTPResponse {
        lock.withLock { sent += 1 }
        throw TransportFailure(.connectionFailed, detail: "no network in this test")
    }
}
