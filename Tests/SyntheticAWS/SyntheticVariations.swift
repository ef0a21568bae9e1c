/// Departures of a `SyntheticOrganization` from its generated defaults, enough to drive every check kind down its
/// pass, fail, error and skip paths.
///
/// Each variation is a rule over account indices, region names, instance indices and names, applied when a response
/// is computed; nothing is stored per request. With none (`SyntheticVariations()`), every response is the generated
/// organization's, byte for byte, as the benchmarks measure it.
public struct SyntheticVariations: Sendable {
    /// Member accounts attached directly to the root, in no OU (so not targeted).
    public var accountsAtRoot: Set<Int> = []
    /// Member accounts whose status is `SUSPENDED` (not targeted).
    public var suspendedAccounts: Set<Int> = []
    /// Running instances per region of these accounts, instead of the organization's `instancesPerRegion`.
    public var instancesPerRegion: [Int: Int] = [:]
    /// Calls answered with the service's AccessDenied error, in its wire format.
    public var accessDenied: [Scope] = []
    /// Calls answered with the service's throttling error.
    public var throttled: [Scope] = []
    /// What Systems Manager knows of these instances, instead of the generated state.
    public var instances: [InstanceKey: InstanceState] = [:]
    /// Changes to the deployment's SSM parameters; the first that matches a parameter applies.
    public var parameters: [ParameterChange] = []
    /// Changes to the deployment's association, by account and region.
    public var associations: [Place: Association] = [:]
    /// Changes to the StackSet's stack instances, by account and region.
    public var stackInstances: [Place: StackInstance] = [:]
    /// The StackSet does not exist (even after deployment).
    public var stackSetMissing = false
    /// The StackSet's AutoDeployment is disabled.
    public var autoDeploymentDisabled = false
    /// OUs (by index) created after the stack: not among the StackSet's OUs, so their accounts have no stack instance.
    public var organizationalUnitsAfterStack: Set<Int> = []
    /// The StackSet's newest operation, instead of a CREATE that SUCCEEDED everywhere.
    public var stackSetOperation: StackSetOperation?
    /// The StackSet's last drift detection, instead of none.
    public var drift: Drift?
    /// Failed stacks, by the root stack's name (`SyntheticOrganization.stackName`) or a nested stack's logical id.
    public var failedStacks: [String: StackFailure] = [:]
    /// The policy simulator's decisions for these actions (both `SimulatePrincipalPolicy` and `SimulateCustomPolicy`),
    /// instead of `allowed`.
    public var decisions: [String: Decision] = [:]
    /// Trusted access for CloudFormation StackSets is not enabled.
    public var trustedAccessDisabled = false
    /// Service control policies besides `FullAWSAccess` (which is attached to the root, every OU and every account).
    public var serviceControlPolicies: [ServiceControlPolicy] = []
    /// Trusted access for AWS Account Management is enabled (it is not by default, as in a new organization).
    public var accountManagementTrustedAccess = false
    /// Opt-in regions (those not enabled in the organization) that these accounts have enabled.
    public var regionsOptedIn: Set<Place> = []
    /// Accounts registered as delegated administrators for CloudFormation StackSets.
    public var delegatedAdministrators: [Int] = []
    /// Resource control policies besides `RCPFullAWSAccess`; with any, RCPs are enabled and `RCPFullAWSAccess` is
    /// attached everywhere, as AWS does.
    public var resourceControlPolicies: [ServiceControlPolicy] = []
    /// The API key secret and its key, instead of the generated ones.
    public var secret = Secret()

    public init() {}

    /// The deployment's API key secret (`SyntheticAWS.secretArn`) and the keys Secrets Manager can encrypt it with.
    public struct Secret: Sendable, Hashable {
        /// The account (index) that holds the secret and its keys.
        public var account = 0
        /// The secret does not exist.
        public var missing = false
        /// The secret's resource policy (JSON); none by default.
        public var resourcePolicy: String?
        /// The key that encrypts it: the Trend key (default), the `other` key, or the AWS managed key.
        public var key = Key.trend
        /// The Trend key's policy (JSON), instead of the default policy that delegates to IAM.
        public var trendKeyPolicy: String?

        public enum Key: Sendable, Hashable {
            case trend
            case other
            case awsManaged
        }

        public init() {}
    }

    /// An operation (`service:Operation`), everywhere or in one account and/or region. The account is the one the
    /// call acts in: the caller's, or for `sts:AssumeRole` the role's.
    public struct Scope: Sendable, Hashable {
        public var operation: String
        public var account: Int?
        public var region: String?

        public init(_ operation: String, account: Int? = nil, region: String? = nil) {
            self.operation = operation
            self.account = account
            self.region = region
        }

        func matches(operation: String, account: Int, region: String) -> Bool {
            self.operation == operation && (self.account ?? account) == account && (self.region ?? region) == region
        }
    }

    /// One account and region.
    public struct Place: Sendable, Hashable {
        public var account: Int
        public var region: String

        public init(account: Int, region: String) {
            self.account = account
            self.region = region
        }
    }

    /// One running instance: its account, region and index.
    public struct InstanceKey: Sendable, Hashable {
        public var account: Int
        public var region: String
        public var index: Int

        public init(account: Int, region: String, index: Int) {
            self.account = account
            self.region = region
            self.index = index
        }
    }

    /// What Systems Manager knows of an instance.
    public struct InstanceState: Sendable, Hashable {
        public var isManaged: Bool
        public var hasInstanceProfile: Bool
        public var pingStatus: String
        /// The newest association execution's status on it (`Success`, `Failed`, `Pending`, …).
        public var outcome: String

        public init(isManaged: Bool = true, hasInstanceProfile: Bool? = nil, pingStatus: String = "Online", outcome: String = "Success") {
            self.isManaged = isManaged
            self.hasInstanceProfile = hasInstanceProfile ?? isManaged
            self.pingStatus = pingStatus
            self.outcome = outcome
        }

        /// Not registered with Systems Manager, with or without an instance profile.
        public static func notManaged(instanceProfile: Bool = false) -> Self {
            Self(isManaged: false, hasInstanceProfile: instanceProfile)
        }

        /// Managed, with the agent's ping status, e.g. `ConnectionLost`.
        public static func ping(_ status: String) -> Self { Self(pingStatus: status) }

        /// Managed and online, with the newest association outcome, e.g. `Failed` or `Pending`.
        public static func outcome(_ status: String) -> Self { Self(outcome: status) }
    }

    /// A change to the SSM parameter `name`, everywhere or in one account and/or region.
    public struct ParameterChange: Sendable, Hashable {
        public enum Change: Sendable, Hashable {
            /// The parameter does not exist.
            case missing
            /// The parameter exists (before deployment too) with this type and value.
            case value(type: String, value: String)
        }

        public var name: String
        public var account: Int?
        public var region: String?
        public var change: Change

        public init(_ name: String, account: Int? = nil, region: String? = nil, _ change: Change) {
            self.name = name
            self.account = account
            self.region = region
            self.change = change
        }

        func matches(name: String, account: Int, region: String) -> Bool {
            self.name == name && (self.account ?? account) == account && (self.region ?? region) == region
        }
    }

    /// A change to the deployment's association in one account and region.
    public enum Association: Sendable, Hashable {
        /// It does not exist.
        case missing
        /// It exists as deployed (before deployment too).
        case asDeployed
        /// It exists with this schedule expression.
        case schedule(String)
        /// It exists with this SSM document.
        case document(String)
        /// It exists installing this package (`name` parameter).
        case package(String)
    }

    /// A change to a stack instance of the StackSet.
    public enum StackInstance: Sendable, Hashable {
        /// The StackSet has no stack instance there.
        case missing
        /// The stack instance has this status (`OUTDATED`, `INOPERABLE`) and reason.
        case status(String, reason: String)
    }

    /// A StackSet operation: its action and status, and the accounts and regions that did not succeed.
    public struct StackSetOperation: Sendable, Hashable {
        public var action: String
        public var status: String
        public var statusReason: String?
        public var results: [Place: OperationResult]

        public init(action: String = "UPDATE", status: String, statusReason: String? = nil, results: [Place: OperationResult] = [:]) {
            self.action = action
            self.status = status
            self.statusReason = statusReason
            self.results = results
        }
    }

    /// An operation's result in one account and region other than `SUCCEEDED`.
    public struct OperationResult: Sendable, Hashable {
        public var status: String
        public var reason: String
        /// The account gate's status and reason, when it did not succeed.
        public var accountGate: (status: String, reason: String)?

        public init(status: String = "FAILED", reason: String, accountGate: (status: String, reason: String)? = nil) {
            self.status = status
            self.reason = reason
            self.accountGate = accountGate
        }

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.status == rhs.status && lhs.reason == rhs.reason && lhs.accountGate?.status == rhs.accountGate?.status
                && lhs.accountGate?.reason == rhs.accountGate?.reason
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(status)
            hasher.combine(reason)
            hasher.combine(accountGate?.status)
            hasher.combine(accountGate?.reason)
        }
    }

    /// A drift detection of the StackSet: when it ended, its status, and the stack instances it did not find in sync.
    public struct Drift: Sendable, Hashable {
        /// Seconds since 1970.
        public var checkedAt: Int
        /// `COMPLETED`, `FAILED`, `PARTIAL_SUCCESS`, `IN_PROGRESS` or `STOPPED`.
        public var detectionStatus: String
        /// Drifted stack instances and the logical ids of their `MODIFIED` resources.
        public var drifted: [Place: [String]]
        /// Stack instances whose drift could not be detected (`UNKNOWN`).
        public var failed: Set<Place>

        public init(checkedAt: Int, detectionStatus: String = "COMPLETED", drifted: [Place: [String]] = [:], failed: Set<Place> = []) {
            self.checkedAt = checkedAt
            self.detectionStatus = detectionStatus
            self.drifted = drifted
            self.failed = failed
        }
    }

    /// A stack in a failed status, with the resource that failed.
    public struct StackFailure: Sendable, Hashable {
        public var status: String
        /// The logical id of the stack's resource that failed (`CREATE_FAILED`), if any.
        public var failedResource: String?
        public var reason: String

        public init(status: String, failedResource: String? = nil, reason: String) {
            self.status = status
            self.failedResource = failedResource
            self.reason = reason
        }
    }

    /// A policy simulator decision other than `allowed`.
    /// An SCP and where it is attached.
    public struct ServiceControlPolicy: Sendable, Hashable {
        /// Where a policy is attached.
        public enum Target: Sendable, Hashable {
            case root
            case organizationalUnit(Int)
            case account(Int)
        }

        public var name: String
        /// The policy document, as JSON text.
        public var content: String
        public var targets: [Target]

        public init(name: String, content: String, targets: [Target]) {
            self.name = name
            self.content = content
            self.targets = targets
        }
    }

    public enum Decision: Sendable, Hashable {
        /// No policy allows the action.
        case implicitDeny
        /// A Deny statement of an identity policy matches.
        case explicitDeny
        /// The organization's SCPs do not allow it.
        case deniedBySCP
        /// The permissions boundary does not allow it.
        case deniedByBoundary
        /// The simulator's answer has no evaluation result for the action.
        case absent
    }

    /// Whether instance counts or states differ from the generated ones (so pages cannot be shared by accounts).
    var changesInstances: Bool { !instancesPerRegion.isEmpty || !instances.isEmpty }

    /// Whether stack instances differ from the generated ones (so the listing is computed place by place).
    var changesStackInstances: Bool {
        changesAccounts || !stackInstances.isEmpty || !organizationalUnitsAfterStack.isEmpty || drift != nil
    }

    /// Whether some account is not where or as the generated organization has it.
    var changesAccounts: Bool { !accountsAtRoot.isEmpty || !suspendedAccounts.isEmpty }
}
