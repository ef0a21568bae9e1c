/// The two IAM Identity Center endpoints a profile's credentials come from; neither request is signed.
enum SSOService {
    /// The SSO portal (`GetRoleCredentials`).
    case portal
    /// SSO OIDC (`CreateToken`).
    case oidc

    /// The service id of `AWS_ENDPOINT_URL_<ID>` and of the config's services sections (`sso`, `sso_oidc`).
    var environmentId: String {
        switch self {
        case .portal: "SSO"
        case .oidc: "SSO_OIDC"
        }
    }

    /// The standard host in `region`, from botocore's endpoint data.
    func host(region: String) -> String {
        let suffix = Region(rawValue: region)?.partition.dnsSuffix ?? "amazonaws.com"
        switch self {
        case .portal: return "portal.sso.\(region).\(suffix)"
        case .oidc: return "oidc.\(region).\(suffix)"
        }
    }
}
