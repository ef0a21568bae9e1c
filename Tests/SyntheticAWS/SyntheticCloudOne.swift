import AWSCore
import CloudOne
import Foundation

/// Answers Workload Security API requests for a `SyntheticOrganization`, in the API's JSON shapes: the current key,
/// the agent-initiated activation setting, deployment scripts and the computers search, paged by ID.
///
/// Computers are computed from the organization: every instance the association covers (deployed there, managed,
/// online, last outcome `Success`) has an activated, online agent with a policy, unless `agents` says otherwise;
/// `staleComputers` adds records of instances that do not exist.
public struct SyntheticCloudOne: Sendable {
    /// What the manager knows of one instance's agent.
    public enum Agent: Sendable, Equatable {
        case activated, offline, error, warning, noPolicy, notActivated, none
    }

    public var organization: SyntheticOrganization
    public var key = "tmc-synthetic-cloudone-key:0123456789"
    /// The Cloud One region of the account; a key presented to another region is unknown there.
    public var region = "us-1"
    public var tenantID = "0A1B2C3D-4E5F-6A7B-8C9D-0E1F2A3B4C5D"
    public var token = "9F8E7D6C-5B4A-3F2E-1D0C-9B8A7F6E5D4C"
    /// The URLs the deployment script holds: those of the organization's deployed parameters.
    public var activationURL = "dsm://agents.workload.trendmicro.com:443/"
    public var managerURL = "https://workload.trendmicro.com:443"
    public var keyActive = true
    /// The key's expiry, in milliseconds since 1970; nil: never.
    public var keyExpiry: Int64?
    public var agentInitiatedActivation = "For any computers"
    public var canCreateDeploymentScripts = true
    public var canReadComputers = true
    /// Every 4xx message also holds the presented key (as a careless server might).
    public var echoKeyInErrors = false
    /// Agents that differ from the computed default, by instance id.
    public var agents: [String: Agent] = [:]
    /// Records whose instance does not exist: instance id, account index, region name.
    public var staleComputers: [(instanceId: String, account: Int, region: String)] = []
    /// The time agents last communicated (`offline` ones three days earlier).
    public var now = Date(timeIntervalSince1970: 1_796_083_200)

    public init(organization: SyntheticOrganization) {
        self.organization = organization
    }

    /// The answer to one request, `computers` being this manager's `computers()` (computed once by the caller).
    public func respond(_ request: AWSHTTPRequest, computers: [Computer]) -> AWSHTTPResponse {
        guard let url = URLComponents(string: request.url), let host = url.host,
            host.hasPrefix("workload."), host.hasSuffix(".cloudone.trendmicro.com")
        else { return Self.json(404, #"{"message":"Not Found"}"#) }
        let presented = request.header("Authorization").flatMap { $0.hasPrefix("ApiKey ") ? String($0.dropFirst(7)) : nil }
        let echo = echoKeyInErrors ? " (\(presented ?? ""))" : ""
        let requestRegion = host.dropFirst("workload.".count).dropLast(".cloudone.trendmicro.com".count)
        guard request.header("api-version") == "v1" else {
            return Self.json(400, #"{"message":"api-version header is required\#(echo)"}"#)
        }
        guard presented == key, requestRegion == region else {
            return Self.json(401, #"{"message":"Authentication failed\#(echo)"}"#)
        }
        guard keyActive else { return Self.json(403, #"{"message":"API key is inactive\#(echo)"}"#) }
        switch (request.method, url.path) {
        case ("GET", "/api/apikeys/current"):
            let expiry = keyExpiry.map { #","expiryDate":\#($0)"# } ?? ""
            return Self.json(200, #"{"ID":12,"keyName":"preflight","active":true,"roleID":1,"currentKey":true\#(expiry)}"#)
        case ("GET", "/api/systemsettings/platformSettingAgentInitiatedActivationEnabled"):
            return Self.json(200, #"{"value":"\#(agentInitiatedActivation)"}"#)
        case ("POST", "/api/agentdeploymentscripts"):
            guard canCreateDeploymentScripts else { return Self.json(403, #"{"message":"Forbidden\#(echo)"}"#) }
            let script =
                "#!/bin/bash\\nACTIVATIONURL='\(activationURL)'\\nMANAGERURL='\(managerURL)'\\n"
                + "/opt/ds_agent/dsa_control -a $ACTIVATIONURL \\\"tenantID:\(tenantID)\\\" \\\"token:\(token)\\\"\\n"
            return Self.json(200, #"{"platform":"linux","activationRequired":true,"scriptBody":"\#(script)"}"#)
        case ("POST", "/api/computers/search"):
            guard canReadComputers else { return Self.json(403, #"{"message":"Forbidden\#(echo)"}"#) }
            struct Search: Decodable {
                struct Criterion: Decodable { var idValue: Int? }
                var maxItems: Int?
                var searchCriteria: [Criterion]?
            }
            guard let search = try? JSONDecoder().decode(Search.self, from: Data(request.body)) else {
                return Self.json(400, #"{"message":"Invalid search"}"#)
            }
            let after = search.searchCriteria?.first?.idValue ?? 0
            let first = computers.partitioningIndex { $0.id > after }
            let page = computers[first...].prefix(search.maxItems ?? 5000)
            return Self.json(200, #"{"computers":[\#(page.map(\.json).joined(separator: ","))]}"#)
        default:
            return Self.json(404, #"{"message":"Not Found"}"#)
        }
    }

    /// One computer as the search returns it.
    public struct Computer: Sendable {
        var id: Int
        var json: String
    }

    /// Every computer, by ID.
    public func computers() -> [Computer] {
        var computers: [Computer] = []
        let nowMs = Int64(now.timeIntervalSince1970 * 1000)
        func add(_ instance: String, account: Int, region: String, agent: Agent) {
            guard agent != .none else { return }
            let id = computers.count + 1
            let fingerprint = agent == .notActivated ? "" : "AB:CD:EF:\(String(format: "%02X", id % 256))"
            let status = switch agent {
            case .offline: "inactive"
            case .error: "error"
            case .warning: "warning"
            case .notActivated: "inactive"
            default: "active"
            }
            let policy = agent == .noPolicy || agent == .notActivated ? "" : #","policyID":1"#
            let last = agent == .notActivated ? "" : #","lastAgentCommunication":\#(agent == .offline ? nowMs - 3 * 86_400_000 : nowMs)"#
            computers.append(Computer(id: id, json: #"""
                {"ID":\#(id),"hostName":"\#(instance)","agentFingerPrint":"\#(fingerprint)"\#(policy)\#(last),\#
                "computerStatus":{"agentStatus":"\#(status)","agentStatusMessages":["Managed (\#(status))"]},\#
                "ec2VirtualMachineSummary":{"instanceID":"\#(instance)","accountID":"\#(organization.accountId(account))",\#
                "region":"\#(region)"}}
                """#))
        }
        for account in 0..<organization.accountCount {
            for (regionIndex, region) in organization.regions.enumerated() {
                for index in 0..<organization.instanceCount(account: account) {
                    let instance = organization.instance(account: account, region: regionIndex, index: index)
                    let covered = organization.isDeployed(account: account, region: regionIndex) && instance.isManaged
                        && instance.pingStatus == "Online" && instance.outcome == "Success"
                    add(instance.id, account: account, region: region, agent: agents[instance.id] ?? (covered ? .activated : .none))
                }
            }
        }
        for stale in staleComputers { add(stale.instanceId, account: stale.account, region: stale.region, agent: .activated) }
        return computers
    }

    /// The name of the operation `method` and `path` (its query aside) call, as `CloudOneOperation` names it.
    public static func operation(method: String, path: String) -> String {
        let route = path.split(separator: "?").first.map(String.init) ?? path
        return CloudOneOperation.allCases.first { operation in
            operation.method == method && operation.path.split(separator: "?").first.map(String.init) == route
        }?.name ?? "Unknown"
    }

    static func json(_ status: Int, _ body: String) -> AWSHTTPResponse {
        AWSHTTPResponse(statusCode: status, headers: [(name: "Content-Type", value: "application/json")], body: Array(body.utf8))
    }
}

