import AWSCore
import AWSServices
import AsyncHTTPClient
import EmulatorSupport
import Foundation
import Logging
import PolicyEvaluation
import Testing

/// The local evaluator against the emulator's `SimulatePrincipalPolicy` on generated cases: identity policies,
/// permissions boundaries and SCPs with random actions, resources, wildcards, `Not…` elements and explicit
/// denies, without conditions. Every decision must agree; a disagreement names its seed and case.
@Suite struct PolicyDifferentialTests {
    /// A reproducible generator (SplitMix64).
    struct Generator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
        mutating func chance(_ percent: Int) -> Bool { int(100) < percent }
        mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }
        mutating func some<T>(_ items: [T], max: Int) -> [T] { (0...int(max)).map { _ in pick(items) } }
    }

    static let actions = [
        "s3:GetObject", "s3:PutObject", "s3:ListBucket", "ec2:DescribeInstances", "ec2:RunInstances",
        "ssm:PutParameter", "ssm:GetParameters", "sqs:SendMessage", "kms:Decrypt", "cloudformation:CreateStack",
    ]
    static let actionPatterns = actions + [
        "s3:*", "s3:Get*", "ec2:Describe*", "*", "ssm:?etParameters", "SSM:PUTPARAMETER", "kms:*crypt", "sqs:Send*",
    ]
    static let resources = [
        "arn:aws:s3:::bucket-a/key1", "arn:aws:s3:::bucket-b/dir/key2", "arn:aws:ssm:us-east-1:111111111111:parameter/dsToken",
        "arn:aws:sqs:eu-west-1:111111111111:queue-1", "arn:aws:kms:us-east-1:111111111111:key/k-1",
    ]
    static let resourcePatterns = resources + [
        "*", "arn:aws:s3:::bucket-a/*", "arn:aws:s3:::*", "arn:aws:ssm:*:*:parameter/ds*", "arn:aws:s?s:*",
        "arn:aws:kms:us-east-1:111111111111:key/*",
    ]

    /// A policy of 1–3 statements: Allow (Deny when `denies`), `Action` or `NotAction`, `Resource` or `NotResource`.
    static func policy(_ random: inout Generator, denies: Int) -> String {
        let statements = (0...random.int(3)).map { _ -> [String: Any] in
            var statement: [String: Any] = ["Effect": random.chance(denies) ? "Deny" : "Allow"]
            statement[random.chance(20) ? "NotAction" : "Action"] = random.some(actionPatterns, max: 2)
            statement[random.chance(15) ? "NotResource" : "Resource"] = random.some(resourcePatterns, max: 2)
            return statement
        }
        let document: [String: Any] = ["Version": "2012-10-17", "Statement": statements]
        let data = try! JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// Accounts with their SCP levels (FullAWSAccess everywhere, as Organizations attaches it, plus random Deny SCPs
    /// on the OUs and accounts), and the scenario that builds them.
    struct Organization {
        struct Account {
            var name: String
            var parent: String
            var scps: [String]
        }
        var unitSCPs: [String: [String]]
        var accounts: [Account]

        /// The SCP documents of each level but FullAWSAccess: the root, each OU from the top, the account.
        func levels(of account: Account) -> [[String]] {
            let path = account.parent.split(separator: "/")
            let units = path.indices.map { path[...$0].joined(separator: "/") }
            return [[]] + units.map { unitSCPs[$0] ?? [] } + [account.scps]
        }
    }

    static let fullAccess = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#

    static func organization(_ random: inout Generator) -> Organization {
        let units = ["A", "A/B", "C"]
        var unitSCPs: [String: [String]] = [:]
        for unit in units where random.chance(70) { unitSCPs[unit] = [policy(&random, denies: 60)] }
        let accounts = (0..<6).map { index in
            Organization.Account(
                name: "diff-\(index)", parent: units[index % units.count],
                scps: random.chance(50) ? [policy(&random, denies: 60)] : [])
        }
        return Organization(unitSCPs: unitSCPs, accounts: accounts)
    }

    static func scenario(_ organization: Organization) throws -> Data {
        var policies: [[String: Any]] = []
        for (unit, documents) in organization.unitSCPs.sorted(by: { $0.key < $1.key }) {
            for (index, document) in documents.enumerated() {
                policies.append(["name": "ou-\(unit.replacingOccurrences(of: "/", with: "-"))-\(index)", "targets": ["ou:\(unit)"],
                                 "document": try JSONSerialization.jsonObject(with: Data(document.utf8))])
            }
        }
        for account in organization.accounts {
            for (index, document) in account.scps.enumerated() {
                policies.append(["name": "\(account.name)-\(index)", "targets": ["account:\(account.name)"],
                                 "document": try JSONSerialization.jsonObject(with: Data(document.utf8))])
            }
        }
        let trust: [String: Any] = [
            "Version": "2012-10-17",
            "Statement": [["Effect": "Allow", "Principal": ["AWS": "arn:aws:iam::123456789012:root"], "Action": "sts:AssumeRole"]],
        ]
        let scenario: [String: Any] = [
            "organization": [
                "featureSet": "ALL",
                "organizationalUnits": [["name": "A", "organizationalUnits": [["name": "B"]]], ["name": "C"]],
                "serviceControlPolicies": policies,
            ],
            "accounts": [["name": "management", "management": true]] + organization.accounts.map {
                ["name": $0.name, "parent": $0.parent, "iam": ["roles": [["name": "DiffRole", "trust": trust]]]]
            },
        ]
        return try JSONSerialization.data(withJSONObject: scenario, options: [.sortedKeys])
    }

    @Test func localDecisionsAgreeWithTheSimulator() async throws {
        let seed: UInt64 = 20261202
        var random = Generator(state: seed)
        let organization = Self.organization(&random)
        let emulator = try EmulatorProcess()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("policy-differential-\(UUID().uuidString).json")
        try Self.scenario(organization).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let ids = try JSONSerialization.jsonObject(with: emulator.load(scenario: file.path)) as? [String: Any]
        let accountIds = try #require(ids?["accounts"] as? [String: String])

        let client = AWSClient(
            transport: AsyncHTTPClientTransport(client: .shared),
            endpoints: try EndpointResolver(environment: ["AWS_ENDPOINT_URL": emulator.endpoint]),
            retry: RetryConfiguration(mode: .standard, maxAttempts: 3), logger: Logger(label: "test"))
        let management = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDMANAGEMENT", secretAccessKey: "not-a-secret"))
        var cases = 0
        var disagreements: [String] = []
        for round in 0..<25 {
            let account = organization.accounts[round % organization.accounts.count]
            let id = try #require(accountIds[account.name])
            let credentials = AssumeRoleCredentialProvider(
                client: client, roleArn: "arn:aws:iam::\(id):role/OrganizationAccountAccessRole", sessionName: "differential",
                region: "us-east-1", source: management)
            let iam = IAM(client: client, context: AWSCallContext(region: "us-east-1", credentials: credentials))
            let identity = (0...random.int(2)).map { _ in Self.policy(&random, denies: 25) }
            let boundary = random.chance(50) ? [Self.policy(&random, denies: 10)] : []
            var simulated: [(resource: String, result: IAM.EvaluationResult)] = []
            for resource in Self.resources {
                // One resource per call: the simulator's answer per action is then that resource's.
                simulated += try await iam.simulatePrincipalPolicy(
                    principalArn: "arn:aws:iam::\(id):role/DiffRole", actions: Self.actions, resources: [resource],
                    policies: identity, boundaries: boundary
                ).map { (resource, $0) }
            }
            func named(_ documents: [String], _ prefix: String) throws -> [NamedPolicy] {
                try documents.enumerated().map { NamedPolicy(id: "\(prefix)-\($0.offset)", name: "\(prefix)-\($0.offset)", document: try PolicyDocument(json: $0.element)) }
            }
            let levels = try organization.levels(of: account).enumerated().map { level, documents in
                try named([Self.fullAccess] + documents, "scp-\(level)")
            }
            let set = PolicySet(
                identity: try named(identity, "identity"), permissionsBoundary: try named(boundary, "boundary").first,
                scpLevels: levels)
            for (resource, result) in simulated {
                let local = PolicyEvaluator.evaluate(set, RequestContext(
                    action: result.evalActionName, resource: resource, principalArn: "arn:aws:iam::\(id):role/DiffRole",
                    keys: [:], unknownKeys: []))
                let decision: String = switch local.decision {
                case .allowed: "allowed"
                case .explicitDeny: "explicitDeny"
                case .implicitDeny: "implicitDeny"
                case .unknown(let reason): "unknown(\(reason))"
                }
                cases += 1
                if decision != result.evalDecision {
                    disagreements.append(
                        "seed \(seed) round \(round) \(account.name) \(result.evalActionName) on \(resource): local \(decision), simulator \(result.evalDecision); identity \(identity), boundary \(boundary), SCPs \(organization.levels(of: account))")
                }
            }
        }
        #expect(cases >= 1000)
        #expect(disagreements.isEmpty, "\(disagreements.count) of \(cases) disagree; first: \(disagreements.prefix(3))")
    }
}
