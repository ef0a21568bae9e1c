import AWSCore
import AWSServices
import AsyncHTTPClient
import BenchTransports
import Foundation
import Logging
import NIOCore
import NIOPosix

/// Measures the client's CPU per API call, operation by operation, against a `BenchEndpoint` answering at once:
/// through the real HTTP transport (sign + encode + transport + decode) and with the same answers replayed from
/// memory (sign + encode + decode), so that the transport's share is the difference. Prints one table, and the
/// averages weighted by the calls of a 1,000-account `pre` run.
@main
struct CallCost {
    static func main() async {
        do {
            let options = try CallCostOptions(arguments: Array(CommandLine.arguments.dropFirst()))
            NIOSingletons.groupLoopCountSuggestion = max(1, System.coreCount / 4)
            try await run(options)
        } catch {
            FileHandle.standardError.write(Data("CallCost: \(error)\n".utf8))
            exit(2)
        }
    }

    static func run(_ options: CallCostOptions) async throws {
        let logger = Logger(label: "call-cost", factory: { _ in SwiftLogNoOpLogHandler() })
        let endpoints = try EndpointResolver(environment: ["AWS_ENDPOINT_URL": options.endpoint])
        var configuration = try HTTPClient.Configuration.aws(environment: [:])
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = options.concurrency
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let rows = try await measureOperations(endpoints: endpoints, httpClient: httpClient, logger: logger, options: options)
            try await httpClient.shutdown()
            print(CallCostRow.table(rows, calls: options.calls, concurrency: options.concurrency))
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
    }

    /// The figures of each selected operation, through `httpClient` and from memory.
    static func measureOperations(
        endpoints: EndpointResolver, httpClient: HTTPClient, logger: Logger, options: CallCostOptions
    ) async throws -> [CallCostRow] {
        let recorder = RecordingTransport(wrapping: AsyncHTTPClientTransport(client: httpClient))
        let network = AWSClient(transport: recorder, endpoints: endpoints, retry: .default, logger: logger)
        var rows: [CallCostRow] = []
        let selected = CallCostOperation.all.filter { options.operations.isEmpty || options.operations.contains($0.name) }
        for operation in selected {
            // One call through the network records the answer that the in-memory client replays.
            try await operation.call(network)
            guard let answer = recorder.last else { throw CallCostError("\(operation.name): no answer recorded") }
            let replaying = AWSClient(
                transport: InMemoryTransport(response: answer), endpoints: endpoints, retry: .default, logger: logger)
            let transported = try await measure(operation, client: network, options: options)
            let inMemory = try await measure(operation, client: replaying, options: options)
            rows.append(CallCostRow(
                operation: operation, responseBytes: answer.body.count, inMemory: inMemory, transported: transported))
        }
        return rows
    }

    /// CPU microseconds per call of `options.calls` calls made by `options.concurrency` tasks.
    static func measure(_ operation: CallCostOperation, client: AWSClient, options: CallCostOptions) async throws -> ProcessCPU {
        for _ in 0..<min(options.calls, 200) {
            try await operation.call(client)
        }
        let before = ProcessCPU.now()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<options.concurrency {
                let share = options.calls / options.concurrency + (worker < options.calls % options.concurrency ? 1 : 0)
                group.addTask {
                    for _ in 0..<share {
                        try await operation.call(client)
                    }
                }
            }
            try await group.waitForAll()
        }
        return ProcessCPU.now().microseconds(since: before, per: options.calls)
    }
}
