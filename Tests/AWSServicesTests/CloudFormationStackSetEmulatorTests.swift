import AWSCore
import EmulatorSupport
import Foundation
import Logging
import Testing

@testable import AWSServices

/// The StackSet calls of the post-deployment rules against the emulator's failed StackSet
/// (Tests/Emulator/scenarios/sample-org-stackset-failed.yaml): a failed CREATE operation, AutoDeployment disabled and
/// a drift detection that found three drifted stack instances. Every answer decodes into the wire shapes, and
/// `CallAs` reaches the service.
@Suite(.serialized) struct CloudFormationStackSetEmulatorTests {
    struct Ids: Decodable {
        var accounts: [String: String]
        var organizationalUnits: [String: String]
    }

    static let setup: Result<(EmulatorProcess, Ids), any Error> = Result {
        let emulator = try EmulatorProcess()
        let ids = try JSONDecoder().decode(
            Ids.self, from: emulator.load(scenario: "Tests/Emulator/scenarios/sample-org-stackset-failed.yaml"))
        return (emulator, ids)
    }

    static let stackSet = "C1WS-SSM-StackSet"
    let ids: Ids
    let cloudFormation: CloudFormation

    init() throws {
        let emulator: EmulatorProcess
        (emulator, ids) = try Self.setup.get()
        let client = AWSClient(
            transport: AsyncHTTPClientTransport(client: .shared),
            endpoints: try EndpointResolver(environment: ["AWS_ENDPOINT_URL": emulator.endpoint]),
            retry: RetryConfiguration(mode: .standard, maxAttempts: 3), logger: Logger(label: "test"))
        let management = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDMANAGEMENT", secretAccessKey: "not-a-secret"))
        cloudFormation = CloudFormation(client: client, context: AWSCallContext(region: "us-east-1", credentials: management))
    }

    @Test func describeStackSetGivesAutoDeploymentOUsAndDriftDetails() async throws {
        let stackSet = try await cloudFormation.describeStackSet(name: Self.stackSet, callAs: "SELF")
        #expect(stackSet.permissionModel == "SERVICE_MANAGED")
        #expect(stackSet.autoDeployment == .init(enabled: false, retainStacksOnAccountRemoval: false))
        #expect(Set(stackSet.organizationalUnitIds ?? []) == Set(ids.organizationalUnits.values))
        let drift = try #require(stackSet.driftDetectionDetails)
        #expect(drift.driftStatus == "DRIFTED")
        #expect(drift.driftDetectionStatus == "COMPLETED")
        #expect(drift.driftedStackInstancesCount == 3)
        #expect(drift.totalStackInstancesCount == 48)
        #expect(drift.lastDriftCheckTimestamp != nil)
    }

    @Test func operationsAndTheResultsOfTheFailedOne() async throws {
        let operations = try await cloudFormation.listStackSetOperations(stackSet: Self.stackSet, callAs: "SELF", limit: 10)
        #expect(operations.map(\.action) == ["DETECT_DRIFT", "CREATE"])
        #expect(operations.map(\.status) == ["SUCCEEDED", "FAILED"])
        let results = try await cloudFormation.listStackSetOperationResults(
            stackSet: Self.stackSet, operationId: operations[1].operationId, callAs: "SELF")
        #expect(results.count == 48)
        let failed = results.filter { $0.status != "SUCCEEDED" }
        #expect(Set(failed.map { "\($0.account ?? "")/\($0.region ?? "")/\($0.status)" }) == [
            "\(ids.accounts["dev"] ?? "")/sa-east-1/FAILED", "\(ids.accounts["web-prod"] ?? "")/ap-south-1/CANCELLED",
        ])
        let gate = try #require(failed.first { $0.status == "FAILED" }?.accountGateResult)
        #expect(gate == .init(status: "FAILED", statusReason: "AccountGate function returned FAILED: maintenance window"))
    }

    @Test func driftedResourcesOfADriftedInstance() async throws {
        let operations = try await cloudFormation.listStackSetOperations(stackSet: Self.stackSet, callAs: "SELF", limit: 10)
        let drift = try #require(operations.first { $0.action == "DETECT_DRIFT" })
        let account = try #require(ids.accounts["app-prod"])
        let resources = try await cloudFormation.listStackInstanceResourceDrifts(
            stackSet: Self.stackSet, account: account, region: "us-east-1", operationId: drift.operationId, callAs: "SELF")
        #expect(resources.map(\.logicalResourceId) == ["DSTokenParam"])
        #expect(resources.map(\.driftStatus) == ["DELETED"])
        let instances = try await cloudFormation.listStackInstances(stackSet: Self.stackSet, callAs: "SELF")
        let drifted = instances.filter { $0.driftStatus == "DRIFTED" }.map { "\($0.account)/\($0.region)" }
        #expect(drifted.count == 3 && drifted.contains("\(account)/us-east-1"))
        #expect(instances.first { $0.detailedStatus == "CANCELLED" }?.region == "ap-south-1")
    }

    @Test func eventsOfTheNewestDeploymentEndWithItsStart() async throws {
        let events = try await cloudFormation.describeLatestDeploymentEvents(stack: "ABI-TM-SSM")
        let start = try #require(events.last)
        #expect(start.startsDeployment)
        #expect(start.resourceStatus == "CREATE_IN_PROGRESS")
        #expect(events.first?.resourceStatus == "CREATE_COMPLETE")
        #expect(events.contains { $0.logicalResourceId == "SSMAssociationforWorkloadAgent" && $0.resourceStatus == "CREATE_COMPLETE" })
    }

    @Test func callAsDelegatedAdminReachesTheService() async throws {
        await #expect {
            try await cloudFormation.describeStackSet(name: Self.stackSet, callAs: "DELEGATED_ADMIN")
        } throws: { error in
            guard let error = error as? AWSServiceError else { return false }
            return error.code == "ValidationError" && error.message.contains("not a delegated administrator")
        }
    }
}
