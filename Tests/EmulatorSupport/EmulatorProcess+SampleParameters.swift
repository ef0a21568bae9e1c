import Foundation

extension EmulatorProcess {
    /// The CloudFormation parameters file (JSON) the sample organization is deployed with, from the ids the scenario
    /// builder reported; `extra` adds or replaces parameters, and an empty value leaves one out.
    public static func sampleParametersFile(scenarioIds: Data, extra: [String: String] = [:]) throws -> Data {
        let ids = try JSONSerialization.jsonObject(with: scenarioIds) as? [String: Any]
        let secrets = ids?["secrets"] as? [String: String]
        let keys = ids?["keys"] as? [String: String]
        let management = ids?["managementAccountId"] as? String ?? "123456789012"
        var values = [
            "AccountAdminStatus": "SELF", "CronJob": "cron(15 10 * * ? *)", "CloudOneRegionEndpoint": "us-1",
            "CloudOneApiKeySecret": secrets?["management/us-east-1/c1ws/api-key"] ?? "",
            "TrendKeyArn": keys?["management/us-east-1/trend"]
                ?? "arn:aws:kms:us-east-1:\(management):key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "TrendStagingS3Bucket": "c1ws-staging",
        ]
        values.merge(extra) { $1 }
        let items = values.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
            .map { ["ParameterKey": $0.key, "ParameterValue": $0.value] }
        return try JSONSerialization.data(withJSONObject: items, options: [.prettyPrinted, .sortedKeys])
    }
}
