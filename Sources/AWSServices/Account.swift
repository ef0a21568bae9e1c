import AWSCore
import Foundation

/// AWS Account Management: whether a region is enabled in an account of the organization.
public struct Account: Sendable {
    let client: AWSClient
    let context: AWSCallContext

    public init(client: AWSClient, context: AWSCallContext) {
        self.client = client
        self.context = context
    }

    struct GetRegionOptStatusInput: Encodable, Sendable {
        var accountId: String?
        var regionName: String
        enum CodingKeys: String, CodingKey { case accountId = "AccountId", regionName = "RegionName" }
    }

    struct GetRegionOptStatusOutput: Decodable, Sendable {
        var regionName: String?
        var regionOptStatus: String?
        enum CodingKeys: String, CodingKey { case regionName = "RegionName", regionOptStatus = "RegionOptStatus" }
    }

    /// `account:GetRegionOptStatus` of `region` in `accountId` (nil: the caller's own account): `ENABLED`,
    /// `ENABLING`, `DISABLING`, `DISABLED` or `ENABLED_BY_DEFAULT`. Asking for another account needs trusted access
    /// for AWS Account Management.
    public func regionOptStatus(accountId: String?, region: String) async throws -> String {
        let body = try Array(JSONEncoder().encode(GetRegionOptStatusInput(accountId: accountId, regionName: region)))
        let output: GetRegionOptStatusOutput = try await client.rest(.getRegionOptStatus, service: .account, context: context) { _ in
            AWSRESTRequest(
                method: "POST", path: "/getRegionOptStatus",
                headers: [(name: "Content-Type", value: "application/json")], body: body)
        } decode: { response in
            try JSONDecoder().decode(GetRegionOptStatusOutput.self, from: Data(response.body))
        }
        guard let status = output.regionOptStatus else {
            throw AWSClientError(
                .malformedResponse, service: "account", operation: "GetRegionOptStatus",
                message: "the answer has no RegionOptStatus")
        }
        return status
    }
}
