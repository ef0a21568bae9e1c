import AWSCore

/// Service Quotas: an account's applied value of one quota.
public struct ServiceQuotas: Sendable {
    let client: AWSClient
    let context: AWSCallContext

    public init(client: AWSClient, context: AWSCallContext) {
        self.client = client
        self.context = context
    }

    /// A quota as `GetServiceQuota` returns it.
    public struct Quota: Decodable, Sendable, Equatable {
        public var quotaCode: String
        public var quotaName: String?
        public var value: Double?

        enum CodingKeys: String, CodingKey { case quotaCode = "QuotaCode", quotaName = "QuotaName", value = "Value" }
    }

    struct GetServiceQuotaInput: Encodable, Sendable {
        var serviceCode: String
        var quotaCode: String
        enum CodingKeys: String, CodingKey { case serviceCode = "ServiceCode", quotaCode = "QuotaCode" }
    }

    struct GetServiceQuotaOutput: Decodable, Sendable {
        var quota: Quota?
        enum CodingKeys: String, CodingKey { case quota = "Quota" }
    }

    /// `servicequotas:GetServiceQuota`: the quota applied to the account in the context's region.
    public func quota(service: String, code: String) async throws -> Quota {
        let output: GetServiceQuotaOutput = try await client.json(
            .getServiceQuota, service: .serviceQuotas, context: context,
            input: GetServiceQuotaInput(serviceCode: service, quotaCode: code))
        guard let quota = output.quota, quota.value != nil else {
            throw AWSClientError(
                .malformedResponse, service: "servicequotas", operation: "GetServiceQuota",
                message: "the answer has no Quota value")
        }
        return quota
    }
}
