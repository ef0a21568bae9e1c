import AWSCore
import Foundation
import Logging
import Testing

@testable import CloudOne

/// The client on recorded, real-shaped answers: what it sends, how it retries, and that the key never leaves.
@Suite struct CloudOneClientTests {
    static let key = CloudOneAPIKey("tmc-test-key-0123456789:abcdefghij")!

    static func api(_ transport: RecordingTransport, environment: [String: String] = [:]) throws -> WorkloadSecurityAPI {
        let endpoint = try CloudOneEndpoint(region: CloudOneRegion(rawValue: "de-1")!, environment: environment)
        let client = CloudOneClient(
            transport: transport, endpoint: endpoint, key: key, retry: RetryConfiguration(maxAttempts: 3),
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        return WorkloadSecurityAPI(client: client)
    }

    @Test func sendsTheKeyAndVersionToTheRegionsHost() async throws {
        let transport = RecordingTransport(json: [(200, #"{"ID":7,"active":true,"roleID":3,"expiryDate":1800000000000}"#)])
        let key = try await Self.api(transport).currentAPIKey()
        #expect(key == APIKeyDescription(id: 7, active: true, expiryDate: 1_800_000_000_000, roleID: 3))
        let request = try #require(transport.requests.first)
        #expect(request.method == "GET")
        #expect(request.url == "https://workload.de-1.cloudone.trendmicro.com/api/apikeys/current")
        #expect(request.header("Authorization") == "ApiKey \(Self.key.secret)")
        #expect(request.header("api-version") == "v1")
        #expect(request.header("Content-Type") == nil && request.body.isEmpty)
    }

    @Test func sendsTheLambdasOwnDeploymentScriptRequest() async throws {
        let script = ##"#!/bin/bash\nACTIVATIONURL='dsm://agents.workload.de-1.cloudone.trendmicro.com:443/'\nMANAGERURL='https://workload.de-1.cloudone.trendmicro.com:443'\n/opt/ds_agent/dsa_control -a $ACTIVATIONURL \"tenantID:0A1B2C3D-4E5F-6A7B-8C9D-0E1F2A3B4C5D\" \"token:9F8E7D6C-5B4A-3F2E-1D0C-9B8A7F6E5D4C\""##
        let transport = RecordingTransport(json: [(200, #"{"platform":"linux","scriptBody":"\#(script)"}"#)])
        let activation = try await Self.api(transport).agentActivation()
        #expect(activation.activationURL == "dsm://agents.workload.de-1.cloudone.trendmicro.com:443/")
        #expect(activation.managerURL == "https://workload.de-1.cloudone.trendmicro.com:443")
        #expect(activation.tenantID == "0A1B2C3D-4E5F-6A7B-8C9D-0E1F2A3B4C5D")
        #expect(activation.token == "9F8E7D6C-5B4A-3F2E-1D0C-9B8A7F6E5D4C")
        #expect(!"\(activation)".contains("9F8E7D6C") && !"\(activation)".contains("0A1B2C3D"))
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST" && request.url.hasSuffix("/api/agentdeploymentscripts"))
        #expect(request.header("Content-Type") == "application/json")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        #expect(body["platform"] as? String == "linux")
        #expect(body["activationRequired"] as? Bool == true && body["validateCertificateRequired"] as? Bool == true)
        #expect(body["validateDigitalSignatureRequired"] as? Bool == true)
    }

    @Test func aScriptWithoutTheFourValuesNamesTheMissingOnes() async throws {
        let transport = RecordingTransport(json: [(200, ##"{"scriptBody":"#!/bin/bash\nMANAGERURL='https://m:443'\n"}"##)])
        await #expect(throws: CloudOneError.self) { try await Self.api(transport).agentActivation() }
        do {
            _ = try await Self.api(RecordingTransport(json: [(200, #"{"scriptBody":"ACTIVATIONURL='a' MANAGERURL='b'"}"#)]))
                .agentActivation()
        } catch let error as CloudOneError {
            #expect(error.kind == .malformedResponse)
            #expect(error.message == "the deployment script holds no tenantID, token")
        }
    }

    @Test func retriesThrottlingAndServerErrorsThenSucceeds() async throws {
        let transport = RecordingTransport(json: [
            (429, #"{"message":"Too Many Requests"}"#), (503, #"{"message":"busy"}"#), (200, #"{"value":"For any computers"}"#),
        ])
        #expect(try await Self.api(transport).agentInitiatedActivation() == "For any computers")
        #expect(transport.requests.count == 3)
    }

    @Test func givesUpAfterTheAttemptsWithTheLastError() async throws {
        let transport = RecordingTransport(json: Array(repeating: (429, #"{"message":"Too Many Requests"}"#), count: 5))
        do {
            _ = try await Self.api(transport).agentInitiatedActivation()
            Issue.record("no error")
        } catch let error as CloudOneError {
            #expect(error.kind == .service && error.statusCode == 429)
            #expect(transport.requests.count == 3)
        }
    }

    /// 401 and 403 are the key's fault and are not retried; the key the server echoes is removed.
    @Test func rejectedKeysAreNotRetriedAndNeverEchoed() async throws {
        for status in [401, 403] {
            let transport = RecordingTransport(json: [(status, #"{"message":"Authentication failed for ApiKey \#(Self.key.secret)"}"#)])
            do {
                _ = try await Self.api(transport).currentAPIKey()
                Issue.record("no error")
            } catch let error as CloudOneError {
                #expect(error.kind == .rejected && error.statusCode == status)
                #expect(!error.description.contains(Self.key.secret) && !error.message.contains("abcdefghij"))
                #expect(transport.requests.count == 1)
            }
        }
    }

    @Test func malformedAnswersNameTheField() async throws {
        let transport = RecordingTransport(json: [(200, #"{"ID":"seven","active":true}"#)])
        do {
            _ = try await Self.api(transport).currentAPIKey()
            Issue.record("no error")
        } catch let error as CloudOneError {
            #expect(error.kind == .malformedResponse)
            #expect(error.message == "the answer is not the documented shape: .ID has the wrong type")
        }
    }

    @Test func transportFailuresAreRetriedThenReported() async throws {
        let transport = RecordingTransport(Array(repeating: .failure(TransportFailure(.connectionReset, detail: "connection reset")), count: 3))
        do {
            _ = try await Self.api(transport).currentAPIKey()
            Issue.record("no error")
        } catch let error as CloudOneError {
            #expect(error.kind == .transport && error.description == "cloudone:DescribeCurrentAPIKey: connection reset")
            #expect(transport.requests.count == 3)
        }
    }

    @Test func pagesThroughComputersByID() async throws {
        func page(_ ids: ClosedRange<Int>) -> (Int, String) {
            let computers = ids.map { id in
                #"{"ID":\#(id),"agentFingerPrint":"AA:BB","policyID":1,"lastAgentCommunication":1796083200000,"computerStatus":{"agentStatus":"active","agentStatusMessages":["Managed (Online)"]},"ec2VirtualMachineSummary":{"instanceID":"i-\#(id)","accountID":"111111111111","region":"us-east-1"}}"#
            }
            return (200, #"{"computers":[\#(computers.joined(separator: ","))]}"#)
        }
        let transport = RecordingTransport(json: [page(1...2), page(5...6), page(9...9)])
        let computers = try await Self.api(transport).computers(pageSize: 2)
        #expect(computers.map(\.id) == [1, 2, 5, 6, 9])
        #expect(computers[0].instanceID == "i-1" && computers[0].accountID == "111111111111" && computers[0].region == "us-east-1")
        #expect(computers[0].isActivated && computers[0].agentStatus == "active" && computers[0].policyID == 1)
        let bodies = try transport.requests.map { try #require(try JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any]) }
        let after = bodies.map { (($0["searchCriteria"] as? [[String: Any]])?.first?["idValue"] as? Int) }
        #expect(after == [0, 2, 6])
        #expect(bodies.allSatisfy { $0["maxItems"] as? Int == 2 && $0["sortByObjectID"] as? Bool == true })
        #expect(transport.requests[0].url.hasSuffix("/api/computers/search?expand=computerStatus&expand=ec2VirtualMachineSummary"))
    }

    /// A page that does not move past the last ID would page forever: it is a malformed answer.
    @Test func aSearchThatDoesNotAdvanceIsMalformed() async throws {
        let same = (200, #"{"computers":[{"ID":3},{"ID":4}]}"#)
        let transport = RecordingTransport(json: [same, same])
        do {
            _ = try await Self.api(transport).computers(pageSize: 2)
            Issue.record("no error")
        } catch let error as CloudOneError {
            #expect(error.kind == .malformedResponse && error.operation == .searchComputers)
        }
    }

    @Test func aComputerWithoutFingerprintNeverActivated() throws {
        let computer = try JSONDecoder().decode(CloudOneComputer.self, from: Data(#"{"ID":1,"agentFingerPrint":""}"#.utf8))
        #expect(!computer.isActivated && computer.instanceID == nil && computer.lastCommunication == nil)
    }
}
