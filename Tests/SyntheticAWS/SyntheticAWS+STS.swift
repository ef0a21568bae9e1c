import Foundation

extension SyntheticAWS {
    static let stsNamespace: StaticString = "https://sts.amazonaws.com/doc/2011-06-15/"

    func sts(_ request: SyntheticRequest, account: Int) -> SyntheticResponse? {
        switch request.operation {
        case "GetCallerIdentity":
            let id = organization.accountId(account)
            return .query(
                "GetCallerIdentity", namespace: Self.stsNamespace,
                result: "<Arn>\(callerArn(account: account))</Arn><UserId>AIDABENCH\(id)</UserId><Account>\(id)</Account>")
        case "AssumeRole":
            guard let roleArn = request.form["RoleArn"] else {
                return .error(service: "sts", status: 400, code: "MissingParameter", message: "RoleArn is required")
            }
            let fields = roleArn.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count == 6, organization.accountIndex(fields[4]) != nil else {
                return .error(service: "sts", status: 403, code: "AccessDenied", message: "Not authorized to assume \(roleArn)")
            }
            let target = String(fields[4])
            let session = request.form["RoleSessionName"] ?? "session"
            let role = fields[5].split(separator: "/").last.map(String.init) ?? "role"
            let expiration = Date(timeIntervalSinceNow: 3600).formatted(.iso8601)
            let token = "FwoGZXIvYXdzEBNCH" + String(repeating: "ExampleSessionTokenForBenchmarks", count: 12) + target
            let result: WireBytes = """
                <AssumedRoleUser><Arn>arn:aws:sts::\(target):assumed-role/\(role)/\(session)</Arn>\
                <AssumedRoleId>AROABENCH\(target):\(session)</AssumedRoleId></AssumedRoleUser>\
                <Credentials><AccessKeyId>ASIA\(target)BNCH</AccessKeyId>\
                <SecretAccessKey>benchSecretKey/\(target)/EXAMPLEKEY</SecretAccessKey>\
                <SessionToken>\(token)</SessionToken><Expiration>\(expiration)</Expiration></Credentials>\
                <PackedPolicySize>6</PackedPolicySize>
                """
            return .query("AssumeRole", namespace: Self.stsNamespace, result: result)
        default:
            return nil
        }
    }
}
