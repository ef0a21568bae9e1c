/// The `aws:` global condition keys of the IAM reference. A key outside them (and not given by the request) is
/// one the evaluator does not know.
enum GlobalConditionKeys {
    static let names: Set<String> = [
        "aws:requestedregion", "aws:principalarn", "aws:principalaccount", "aws:principalorgid",
        "aws:principalorgpaths", "aws:principaltype", "aws:userid", "aws:username", "aws:sourceip",
        "aws:securetransport", "aws:currenttime", "aws:epochtime", "aws:resourceaccount", "aws:resourceorgid",
        "aws:resourceorgpaths", "aws:tagkeys", "aws:viaawsservice", "aws:sourceaccount", "aws:sourcearn",
        "aws:sourceorgid", "aws:sourceorgpaths", "aws:sourcevpc", "aws:sourcevpce", "aws:vpcsourceip",
        "aws:principalservicename", "aws:principalservicenameslist", "aws:principalisawsservice",
        "aws:sourceidentity", "aws:federatedprovider", "aws:tokenissuetime", "aws:referer", "aws:useragent",
        "aws:sourcevpcarn", "aws:ec2instancesourcevpc", "aws:ec2instancesourceprivateipv4", "aws:vpceaccount",
        "aws:vpceorgid", "aws:vpceorgpaths", "aws:assumedroot", "aws:calledvia", "aws:calledviafirst",
        "aws:calledvialast", "aws:multifactorauthpresent", "aws:multifactorauthage",
    ]

    /// Key families whose name continues with a tag key (`aws:PrincipalTag/team`).
    static let prefixes = ["aws:principaltag/", "aws:resourcetag/", "aws:requesttag/"]

    /// Whether `key` is a condition key the evaluator can reason about for this request: a global key of the
    /// reference, any key the request carries, or a service key (`service:Name…`), absent when not carried.
    static func isKnown(_ key: String, in request: RequestContext) -> Bool {
        let name = key.lowercased()
        if request.values(of: key) != nil {
            return true
        }
        if name.hasPrefix("aws:") {
            return names.contains(name) || prefixes.contains { name.hasPrefix($0) && name.count > $0.count }
        }
        guard let colon = name.firstIndex(of: ":") else { return false }
        return colon != name.startIndex && name.index(after: colon) != name.endIndex
    }
}
