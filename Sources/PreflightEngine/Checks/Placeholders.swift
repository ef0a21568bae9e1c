import AWSCore

/// What the `${…}` placeholders of a rule's resource ARNs and the template's policies stand for in this run.
struct Placeholders: Sendable {
    /// `${AWS::Partition}` / `${partition}`: the caller's partition (and `${AWS::URLSuffix}` its DNS suffix).
    var partition: String
    /// `${AWS::AccountId}` / `${account}`; `*` when unknown.
    var account: String?
    /// `${AWS::Region}` / `${region}`: the home region.
    var region: Region
    /// `${Name}`: the deployment parameter `Name`.
    var parameters: DeploymentParameters

    /// `template` with every placeholder replaced, unknown ones by `*`, and the names of those unknown ones.
    func substitute(_ template: String) -> (text: String, unresolved: [String]) {
        var output = ""
        var unresolved: [String] = []
        var rest = Substring(template)
        while let start = rest.range(of: "${") {
            output += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
            let name = String(rest[start.upperBound..<end])
            switch name {
            case "AWS::Partition", "partition": output += partition
            case "AWS::URLSuffix": output += AWSPartition(rawValue: partition)?.dnsSuffix ?? AWSPartition.aws.dnsSuffix
            case "AWS::AccountId", "account": output += account ?? "*"
            case "AWS::Region", "region": output += region.rawValue
            default:
                if let value = parameters[name] {
                    output += value
                } else {
                    output += "*"
                    unresolved.append(name)
                }
            }
            rest = rest[rest.index(after: end)...]
        }
        return (output + rest, unresolved)
    }
}
