import Foundation
import NIOCore
import NIOPosix
import SyntheticAWS

/// A synthetic AWS endpoint serving a generated organization, for `scripts/bench-org`.
@main
enum BenchEndpoint {
    static func main() throws {
        let options: BenchOptions
        do {
            options = try BenchOptions(arguments: Array(CommandLine.arguments.dropFirst()))
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            exit(2)
        }
        var variations = SyntheticVariations()
        var cloudOne: SyntheticCloudOne?
        if let region = options.cloudOneRegion {
            var manager = SyntheticCloudOne(organization: SyntheticOrganization(accounts: 1, regions: 1, instances: 0, state: options.state))
            manager.region = region
            // Agents communicated just now: the run judges them at the wall clock.
            manager.now = Date()
            // Deployed by CloudFormation, the parameters are plain Strings holding what the manager issued.
            if options.state == .post {
                variations.parameters = [
                    .init("dsTenantId", .value(type: "String", value: manager.tenantID)),
                    .init("dsToken", .value(type: "String", value: manager.token)),
                ]
            }
            cloudOne = manager
        }
        let organization = SyntheticOrganization(
            accounts: options.accounts, regions: options.regions, instances: options.instances,
            accountsPerOU: options.accountsPerOU, executions: options.executions, state: options.state,
            variations: variations)
        cloudOne?.organization = organization
        let server = BenchServer(
            aws: SyntheticAWS(organization: organization), options: options,
            cloudOne: cloudOne.map { ($0, $0.computers()) })
        // SIGTERM and SIGINT are blocked in every thread (the event loops inherit the mask) and taken by sigwait.
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        sigaddset(&blocked, SIGINT)
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: options.threads)
        let channel = try ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 4096)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(BenchRequestDecoder()))
                    try channel.pipeline.syncOperations.addHandler(
                        BenchHTTPHandler(server: server, latency: server.latency(on: channel.eventLoop)))
                }
            }
            .bind(host: options.host, port: options.port).wait()
        let port = channel.localAddress?.port ?? options.port
        if let portFile = options.portFile {
            try Data("\(port)\n".utf8).write(to: URL(fileURLWithPath: portFile + ".tmp"))
            _ = rename(portFile + ".tmp", portFile)
        }
        FileHandle.standardError.write(Data("BenchEndpoint listening on http://\(options.host):\(port)\n".utf8))
        Thread.detachNewThread {
            var signals = sigset_t()
            sigemptyset(&signals)
            sigaddset(&signals, SIGTERM)
            sigaddset(&signals, SIGINT)
            var received: Int32 = 0
            sigwait(&signals, &received)
            let calls = server.log.json()
            if let file = options.callsFile {
                try? Data(calls.utf8).write(to: URL(fileURLWithPath: file))
            } else {
                FileHandle.standardOutput.write(Data(calls.utf8))
            }
            exit(0)
        }
        try channel.closeFuture.wait()
    }
}
