import AWSCore
import EmulatorSupport
import Foundation
import Logging
import Testing

@testable import AWSServices

/// The real client against the emulator: multi-account access through AssumeRole, pagination over several pages,
/// throttling and server errors retried to success, and errors mapped with their request id.
@Suite(.serialized) struct EmulatorClientTests {
    struct Ids: Decodable {
        var accounts: [String: String]
        var roles: [String: String]
    }

    static let setup: Result<(EmulatorProcess, Ids), any Error> = Result {
        let emulator = try EmulatorProcess()
        let ids = try JSONDecoder().decode(Ids.self, from: emulator.load(scenario: "Tests/Emulator/scenarios/sample-org.yaml"))
        return (emulator, ids)
    }

    let emulator: EmulatorProcess
    let ids: Ids
    let client: AWSClient
    let management = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDMANAGEMENT", secretAccessKey: "not-a-secret"))

    init() throws {
        (emulator, ids) = try Self.setup.get()
        client = AWSClient(
            transport: AsyncHTTPClientTransport(client: .shared),
            endpoints: try EndpointResolver(environment: ["AWS_ENDPOINT_URL": emulator.endpoint]),
            retry: RetryConfiguration(mode: .standard, maxAttempts: 3), logger: Logger(label: "test"))
        _ = try emulator.configure(["faultRate": 0, "maxFaults": NSNull()])
    }

    func context(_ region: String = "us-east-1", credentials: (any CredentialProvider)? = nil) -> AWSCallContext {
        AWSCallContext(region: region, credentials: credentials ?? management)
    }

    @Test func assumedRoleCredentialsReachTheMemberAccount() async throws {
        let member = try #require(ids.accounts["dev"])
        let credentials = try await STS(client: client, context: context()).assumeRole(
            roleArn: "arn:aws:iam::\(member):role/OrganizationAccountAccessRole", sessionName: "test")
        #expect(credentials.sessionToken?.isEmpty == false)
        #expect(credentials.expiration != nil)
        let inMember = context("eu-west-1", credentials: StaticCredentialProvider(credentials))
        let identity = try await STS(client: client, context: inMember).getCallerIdentity()
        #expect(identity.account == member)
        #expect(identity.arn.contains(":assumed-role/OrganizationAccountAccessRole/test"))
        let instances = try await EC2(client: client, context: inMember).describeInstances(states: ["running"])
        #expect(instances.count == 3)
        let managed = try await SSM(client: client, context: inMember).describeInstanceInformation()
        #expect(Set(managed.compactMap(\.pingStatus)) == ["Online", "Inactive"])
    }

    @Test func simulationFollowsMarkersAcrossPages() async throws {
        try emulator.resetCalls()
        let deployer = try #require(ids.roles["management/C1WSDeployer"])
        let actions = ["cloudformation:CreateStack", "cloudformation:CreateStackSet", "iam:CreateRole", "iam:CreatePolicy", "s3:GetObject"]
        let results = try await IAM(client: client, context: context())
            .simulatePrincipalPolicy(principalArn: deployer, actions: actions, pageSize: 2)
        #expect(results.map(\.evalActionName) == actions)
        #expect(results.map(\.evalDecision) == ["allowed", "implicitDeny", "implicitDeny", "allowed", "allowed"])
        #expect(try emulator.calls()["iam:SimulatePrincipalPolicy"] == 3)
    }

    @Test func organizationStructureIsListed() async throws {
        let organizations = Organizations(client: client, context: context())
        let roots = try await organizations.listRoots()
        #expect(roots.count == 1)
        let units = try await organizations.listOrganizationalUnits(parentId: roots[0].id)
        #expect(Set(units.compactMap(\.name)) == ["Production", "Dev"])
        let rootAccounts = try await organizations.listAccounts(parentId: roots[0].id)
        #expect(Set(rootAccounts.map(\.id)) == [ids.accounts["management"]!, ids.accounts["sandbox"]!])
    }

    @Test(arguments: ["throttle", "500", "503", "reset", "truncate", "malformed"])
    func transientFaultsAreRetriedToSuccess(_ fault: String) async throws {
        _ = try emulator.configure(["faultRate": 1, "faults": [fault], "faultOperations": ["DescribeRegions"], "maxFaults": 2])
        let regions = try await EC2(client: client, context: context()).describeRegions()
        #expect(regions.contains { $0.regionName == "eu-west-1" })
    }

    @Test func throttlingPastTheRetriesIsATypedError() async throws {
        _ = try emulator.configure(["faultRate": 1, "faults": ["throttle"], "faultOperations": ["GetCallerIdentity"], "maxFaults": 10])
        await #expect {
            try await STS(client: client, context: context()).getCallerIdentity()
        } throws: { error in
            guard let error = error as? AWSServiceError else { return false }
            return error.code == "Throttling" && error.operation == "GetCallerIdentity" && error.requestId != nil
        }
    }

    @Test func serviceErrorsCarryCodeAndMessage() async throws {
        await #expect {
            try await IAM(client: client, context: context()).getRole(name: "NoSuchRoleHere")
        } throws: { error in
            guard let error = error as? AWSServiceError else { return false }
            return error.code == "NoSuchEntity" && error.statusCode == 404
        }
    }
}
