import AWSCore
import AWSServices
import ArgumentParser
import AsyncHTTPClient
import NIOCore
import Foundation
import Logging
import PreflightEngine

/// Which AWS credentials and region to use.
struct AWSOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Named profile from ~/.aws/config and ~/.aws/credentials.", valueName: "name"))
    var profile: String?

    @Option(help: ArgumentHelp("Region for organization-wide calls (default: AWS_REGION, the profile's, or us-east-1).", valueName: "region"))
    var region: String?
}

/// The AWS client and the caller's credentials, built as the AWS CLI would from flags and environment.
struct AWSSession {
    let httpClient: HTTPClient
    let client: AWSClient
    let credentials: any CredentialProvider
    let region: Region

    /// Attempts per call when `AWS_MAX_ATTEMPTS` is not set: more than the SDKs' 3, so that throttling across a
    /// large organization is retried to success rather than reported as `error`.
    static let defaultMaxAttempts = 10

    /// Event loop threads of the HTTP client (NIO's singleton group, which lives as long as the process): one per
    /// four cores, at least one. A call's event-loop work is a small part of its CPU, and more loops only add
    /// hand-offs between threads: on 2 cores, one loop took 28% less CPU than two for the same 1,000-account audit.
    /// `Preflight.main` sets it before anything uses the group.
    static var eventLoopThreads: Int { max(1, System.coreCount / 4) }

    init(options: AWSOptions, logger: Logger, connectionsPerHost: Int) throws {
        let environment = ProcessInfo.processInfo.environment
        let region: Region
        let endpoints: EndpointResolver
        var retry: RetryConfiguration
        var configuration: HTTPClient.Configuration
        do {
            let name = try AWSConfigFiles.resolveRegion(explicit: options.region, profile: options.profile, environment: environment)
            guard let resolved = name.map({ Region(rawValue: $0) }) ?? Defaults.homeRegion else {
                throw InputError("region '\(name ?? "")' (from --region, AWS_REGION or the profile) is not a region name")
            }
            region = resolved
            endpoints = try EndpointResolver.load(environment: environment, profile: options.profile)
            retry = try RetryConfiguration(environment: environment)
            if environment["AWS_MAX_ATTEMPTS"]?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
                retry = RetryConfiguration(mode: retry.mode, maxAttempts: Self.defaultMaxAttempts)
            }
            configuration = try HTTPClient.Configuration.aws(environment: environment)
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError("\(error)")
        }
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = connectionsPerHost
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let client = AWSClient(
            transport: AsyncHTTPClientTransport(client: httpClient), endpoints: endpoints, retry: retry, logger: logger)
        self.httpClient = httpClient
        self.client = client
        self.region = region
        self.credentials = RefreshingCredentialProvider(
            wrapping: CredentialProviderChain.default(
                profile: options.profile, region: region.rawValue, environment: environment, httpClient: httpClient,
                fetcher: STSRoleCredentialFetcher(client: client)))
    }

    func shutdown() async {
        try? await httpClient.shutdown()
    }
}
