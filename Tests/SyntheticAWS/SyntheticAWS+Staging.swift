import Foundation

extension SyntheticAWS {
    /// The staged objects: the shipped templates in AWS's `aws-abi` bucket (us-east-1) and the Lambda package in
    /// `SyntheticOrganization.stagingBucket` of the management account's home region, under the templates' default
    /// prefix.
    static let stagedObjects: [String: (region: String, keys: Set<String>)] = [
        "aws-abi": ("us-east-1", [
            "cfn-abi-trend-cloudone//templates/trend-cloudone-ws-ssm-association/AgentDeploymentScriptParse.template.yaml",
            "cfn-abi-trend-cloudone//templates/trend-cloudone-ws-ssm-association/c1ws-ssm-orgs.template.yaml",
        ]),
        SyntheticOrganization.stagingBucket: ("us-east-1", [
            "cfn-abi-trend-cloudone//lambda_functions/packages/AgentDeploymentScriptFunction/lambda.zip",
        ]),
    ]

    /// S3's `HeadObject` (path-style `/bucket/key`, as an endpoint URL makes it) and `GetBucketLocation`.
    func s3(_ request: SyntheticRequest) -> SyntheticResponse? {
        let path = request.path.dropFirst()
        let bucket = String(path.prefix { $0 != "/" })
        let key = (String(path.dropFirst(bucket.count + 1))).removingPercentEncoding ?? ""
        guard let staged = Self.stagedObjects[bucket] else {
            return request.operation == "HeadObject"
                ? SyntheticResponse(status: 404, contentType: "application/xml", body: [], errorCode: "NoSuchBucket")
                : Self.s3Error(404, code: "NoSuchBucket", message: "The specified bucket does not exist")
        }
        switch request.operation {
        case "HeadObject":
            guard staged.region == request.region else {
                return SyntheticResponse(status: 301, contentType: "application/xml", body: [], errorCode: "PermanentRedirect")
            }
            guard staged.keys.contains(key) else {
                return SyntheticResponse(status: 404, contentType: "application/xml", body: [], errorCode: "NotFound")
            }
            return SyntheticResponse(contentType: "application/octet-stream", body: [])
        case "GetBucketLocation":
            let constraint: WireBytes = staged.region == "us-east-1"
                ? "<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>"
                : "<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\(staged.region)</LocationConstraint>"
            let document: WireBytes = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\(constraint)"
            return SyntheticResponse(contentType: "application/xml", body: document.bytes)
        default:
            return nil
        }
    }

    static func s3Error(_ status: Int, code: String, message: String) -> SyntheticResponse {
        let xml: WireBytes = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>\(code)</Code><Message>\(message)</Message><RequestId>\(SyntheticResponse.requestId)</RequestId></Error>"
        return SyntheticResponse(status: status, contentType: "application/xml", body: xml.bytes, errorCode: code)
    }

    /// CloudFormation's stack-set quotas at AWS's defaults; any other quota is unknown.
    func serviceQuotas(_ request: SyntheticRequest) -> SyntheticResponse? {
        guard request.operation == "GetServiceQuota" else { return nil }
        let quotas = ["L-EC62D81A": ("Stack sets per administrator account", 1000), "L-C8225BA5": ("Stack instances per stack set", 100_000)]
        guard request.jsonString("ServiceCode") == "cloudformation", let code = request.jsonString("QuotaCode"),
            let (name, value) = quotas[code]
        else {
            return .error(service: "servicequotas", status: 400, code: "NoSuchResourceException", message: "The request failed because the specified resource does not exist.")
        }
        return .json("""
            {"Quota":{"ServiceCode":"cloudformation","ServiceName":"AWS CloudFormation","QuotaArn":"arn:aws:servicequotas:\(request.region)::cloudformation/\(code)",\
            "QuotaCode":"\(code)","QuotaName":"\(name)","Value":\(value).0,"Unit":"None","Adjustable":true,"GlobalQuota":false}}
            """)
    }

    /// AWS Account Management's `GetRegionOptStatus` of the caller's account or `AccountId`: the organization's
    /// regions are enabled by default, the others only where a variation opted in.
    func accountManagement(_ request: SyntheticRequest, account: Int) -> SyntheticResponse? {
        guard request.operation == "GetRegionOptStatus", let region = request.jsonString("RegionName") else { return nil }
        var asked = account
        if let id = request.jsonString("AccountId"), id != organization.accountId(account) {
            guard account == 0, organization.variations.accountManagementTrustedAccess, let index = organization.accountIndex(id) else {
                return .error(
                    service: "account", status: 403, code: "AccessDeniedException",
                    message: "The request failed because your organization does not have trusted access enabled for AWS Account Management.")
            }
            asked = index
        }
        let status =
            if regionIndex(region).map(isEnabled(region:)) == true { "ENABLED_BY_DEFAULT" }
            else if organization.variations.regionsOptedIn.contains(SyntheticVariations.Place(account: asked, region: region)) { "ENABLED" }
            else { "DISABLED" }
        return .json("{\"RegionName\":\"\(region)\",\"RegionOptStatus\":\"\(status)\"}")
    }
}
