import AsyncHTTPClient

extension CredentialProviderChain {
    /// The AWS CLI v2 default chain: environment keys (skipped when `profile` is given explicitly, as the CLI
    /// prefers `--profile` over them), the shared config profile (`ProfileCredentialProvider`: assume role, web
    /// identity, IAM Identity Center, static keys, `credential_process`), the container endpoint, then EC2 instance metadata.
    ///
    /// Nothing is read at construction: the environment and the files it names are consulted on each call.
    /// Wrap the result in `RefreshingCredentialProvider` to cache and refresh.
    /// - Parameters:
    ///   - profile: the `--profile` option.
    ///   - region: the `--region` option, used for STS calls made to assume roles.
    ///   - environment: the process environment (`ProcessInfo.processInfo.environment` in the CLI).
    ///   - credentialProcessTimeout: how long `credential_process` may run; `nil` reads
    ///     `PREFLIGHT_CREDENTIAL_PROCESS_TIMEOUT`, else 60 seconds.
    public static func `default`(
        profile: String?,
        region: String? = nil,
        environment: [String: String],
        httpClient: HTTPClient,
        fetcher: any RoleCredentialFetcher,
        credentialProcessTimeout: Duration? = nil
    ) -> CredentialProviderChain {
        let environmentProvider = EnvironmentCredentialProvider(environment: environment)
        let container = ContainerCredentialProvider(environment: environment, httpClient: httpClient)
        let instanceMetadata = DeferredCredentialProvider {
            let files = try AWSConfigFiles.load(environment: environment)
            let name = AWSConfigFiles.selectedProfileName(explicit: profile, environment: environment) ?? "default"
            let configuration = try InstanceMetadataCredentialProvider.Configuration.resolve(
                environment: environment,
                profile: files.profile(named: name)
            )
            return InstanceMetadataCredentialProvider(configuration: configuration, httpClient: httpClient)
        }
        let profileProvider = ProfileCredentialProvider(
            profile: profile,
            environment: environment,
            region: region,
            fetcher: fetcher,
            credentialSources: [
                "Environment": environmentProvider,
                "EcsContainer": container,
                "Ec2InstanceMetadata": instanceMetadata,
            ],
            credentialProcessTimeout: credentialProcessTimeout,
            httpClient: httpClient
        )
        var providers: [any CredentialProvider] = profile == nil ? [environmentProvider] : []
        providers += [profileProvider, container, instanceMetadata]
        return CredentialProviderChain(providers)
    }
}
