import AWSCore
import AsyncHTTPClient
import Foundation
import NIOSSL
import Testing

/// Certificates are verified by default; `AWS_CA_BUNDLE` makes a private CA trusted (TLS-inspecting proxies,
/// private endpoints). Against a local HTTPS server with a self-signed certificate (openssl).
@Suite(.serialized) struct CABundleTests {
    /// A self-signed certificate for localhost and 127.0.0.1, and `openssl s_server -www` serving with it.
    final class TLSServer {
        let directory: URL
        let certificate: URL
        let port: Int
        private let process: Process

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-tls-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            certificate = directory.appendingPathComponent("cert.pem")
            let key = directory.appendingPathComponent("key.pem")
            try Self.openssl([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key.path, "-out", certificate.path,
            ])
            var started: (Process, Int)?
            for _ in 0..<20 where started == nil {
                let port = Int.random(in: 20_000..<60_000)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["openssl", "s_server", "-quiet", "-www", "-accept", "127.0.0.1:\(port)",
                                     "-cert", certificate.path, "-key", key.path]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                process.standardInput = Pipe()
                try process.run()
                if Self.waitForListener(port: port, process: process) {
                    started = (process, port)
                } else {
                    kill(process.processIdentifier, SIGKILL)
                    process.waitUntilExit()
                }
            }
            guard let (process, port) = started else { throw CABundleError(path: "", reason: "openssl s_server did not start") }
            self.process = process
            self.port = port
        }

        deinit {
            // Children of Swift's worker threads inherit their blocked signals: SIGTERM would never arrive.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: directory)
        }

        static func openssl(_ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["openssl"] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
        }

        /// Whether something accepts TCP connections on `port` within 5 s while `process` runs.
        static func waitForListener(port: Int, process: Process) -> Bool {
            let deadline = Date().addingTimeInterval(5)
            while Date() < deadline, process.isRunning {
                let probe = Process()
                probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                probe.arguments = ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/\(port)"]
                probe.standardError = FileHandle.nullDevice
                try? probe.run()
                probe.waitUntilExit()
                if probe.terminationStatus == 0 { return true }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return false
        }
    }

    /// Sends GET / through the transport the client uses, with the configuration for `environment`. A connection
    /// that cannot be established is retried by AsyncHTTPClient until `timeout`, then fails with the last error.
    static func get(_ url: String, environment: [String: String], timeout: Duration = .seconds(10)) async throws
        -> AWSHTTPResponse
    {
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: try .aws(environment: environment))
        do {
            let response = try await AsyncHTTPClientTransport(client: client)
                .send(AWSHTTPRequest(method: "GET", url: url, headers: [], body: []), timeout: timeout)
            try await client.shutdown()
            return response
        } catch {
            try await client.shutdown()
            throw error
        }
    }

    @Test func selfSignedCertificateIsRefusedWithoutTheBundleAndTrustedWithIt() async throws {
        let server = try TLSServer()
        for host in ["localhost", "127.0.0.1"] {
            let url = "https://\(host):\(server.port)/"
            let refused = await #expect(throws: TransportFailure.self) {
                try await Self.get(url, environment: [:], timeout: .seconds(8))
            }
            #expect(refused?.kind == .connectionFailed)
            #expect(refused?.detail.uppercased().contains("CERTIFICATE_VERIFY_FAILED") == true, "\(String(describing: refused))")
            let response = try await Self.get(url, environment: ["AWS_CA_BUNDLE": server.certificate.path])
            #expect(response.statusCode == 200)
        }
    }

    @Test func anotherCAsBundleDoesNotMakeTheServerTrusted() async throws {
        let server = try TLSServer()
        let other = try TLSServer()
        await #expect(throws: TransportFailure.self) {
            try await Self.get(
                "https://localhost:\(server.port)/", environment: ["AWS_CA_BUNDLE": other.certificate.path], timeout: .seconds(8))
        }
    }

    @Test func unusableBundleIsAnError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty.pem")
        try Data("not a certificate\n".utf8).write(to: empty)
        for path in [directory.appendingPathComponent("absent.pem").path, empty.path] {
            let error = #expect(throws: CABundleError.self) { try HTTPClient.Configuration.aws(environment: ["AWS_CA_BUNDLE": path]) }
            #expect(error?.description.hasPrefix("AWS_CA_BUNDLE \(path): ") == true)
        }
        #expect(throws: Never.self) { try HTTPClient.Configuration.aws(environment: ["AWS_CA_BUNDLE": ""]) }
    }

    @Test func verificationIsOnByDefault() throws {
        let configuration = try HTTPClient.Configuration.aws(environment: [:])
        #expect(configuration.tlsConfiguration?.certificateVerification == .fullVerification)
    }

    @Test func redirectsAreNotFollowed() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-redirect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let portFile = directory.appendingPathComponent("port")
        let script = """
            import http.server, os, sys
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(200 if self.path == "/followed" else 301)
                    self.send_header("Location", "/followed")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                def log_message(self, *args):
                    pass
            server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
            open(sys.argv[1] + ".tmp", "w").write(str(server.server_port))
            os.replace(sys.argv[1] + ".tmp", sys.argv[1])
            server.serve_forever()
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, portFile.path]
        try process.run()
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let deadline = Date().addingTimeInterval(10)
        var port: String?
        while port == nil, Date() < deadline {
            port = try? String(contentsOf: portFile, encoding: .utf8)
            try await Task.sleep(for: .milliseconds(50))
        }
        let response = try await Self.get("http://127.0.0.1:\(try #require(port))/", environment: [:])
        #expect(response.statusCode == 301)
    }
}
