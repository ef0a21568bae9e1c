import Dispatch
import Foundation

/// Runs a profile's `credential_process` like botocore's `ProcessProvider`: the command line is split like
/// `shlex.split` and executed without a shell; exit status 0 and a Version 1 JSON document on stdout give
/// credentials. Every failure is `.invalid` and names the profile, never the output or the full command line.
struct CredentialProcess: Sendable {
    var commandLine: String
    var profile: String
    /// The child's environment (the injected one, so tests and callers control it) and `PATH` for lookup.
    var environment: [String: String]

    struct Output: Sendable {
        var status: Int32
        var killedBySignal: Bool
        var stdout: Data
        var stderr: Data
    }

    func credentials() async throws -> AWSCredentials {
        let arguments: [String]
        do {
            arguments = try ShellWords.split(commandLine)
        } catch {
            throw failure("credential_process is not a valid command line (\(error))")
        }
        guard let program = arguments.first else {
            throw failure("credential_process is empty")
        }
        guard let executable = resolve(program) else {
            throw failure("credential_process program '\(program)' was not found")
        }
        let output = try await run(executable: executable, arguments: Array(arguments.dropFirst()))
        guard output.status == 0 else {
            let detail =
                String(decoding: output.stderr, as: UTF8.self)
                .split(whereSeparator: \.isNewline).first.map { String($0.prefix(200)) } ?? ""
            let ending = output.killedBySignal ? "was killed by signal" : "exited with status"
            throw failure("credential_process \(ending) \(output.status)" + (detail.isEmpty ? "" : ": \(detail)"))
        }
        return try parse(output.stdout)
    }

    func parse(_ stdout: Data) throws -> AWSCredentials {
        guard let object = (try? JSONSerialization.jsonObject(with: stdout)) as? [String: Any] else {
            throw failure("credential_process did not print a JSON object")
        }
        guard (object["Version"] as? NSNumber)?.doubleValue == 1 else {
            throw failure("credential_process printed an unsupported Version (supported: 1)")
        }
        guard let accessKeyId = object["AccessKeyId"] as? String else {
            throw failure("credential_process output lacks AccessKeyId")
        }
        guard let secretAccessKey = object["SecretAccessKey"] as? String else {
            throw failure("credential_process output lacks SecretAccessKey")
        }
        var expiration: Date?
        if let text = object["Expiration"] as? String {
            guard let date = CredentialTimestamp.parse(text) else {
                throw failure("credential_process printed an invalid Expiration")
            }
            expiration = date
        }
        return AWSCredentials(
            accessKeyId: accessKeyId,
            secretAccessKey: secretAccessKey,
            sessionToken: object["SessionToken"] as? String,
            expiration: expiration
        )
    }

    private func failure(_ message: String) -> CredentialProviderError {
        CredentialProviderError(.invalid, provider: "profile \(profile)", message: message)
    }

    /// `execvp`'s lookup: a name with a slash is used as is, otherwise the first executable match in `PATH`.
    private func resolve(_ program: String) -> String? {
        if program.contains("/") { return program }
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (directory.isEmpty ? "." : String(directory)) + "/" + program
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs the program on a GCD thread (the reads block), draining stdout and stderr concurrently.
    private func run(executable: String, arguments: [String]) async throws -> Output {
        let environment = self.environment
        let profile = self.profile
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = arguments
                process.environment = environment
                let stdout = Pipe()
                let stderr = Pipe()
                process.standardOutput = stdout
                process.standardError = stderr
                do {
                    try process.run()
                } catch {
                    continuation.resume(
                        throwing: CredentialProviderError(
                            .invalid,
                            provider: "profile \(profile)",
                            message: "cannot start credential_process: \(error.localizedDescription)"
                        )
                    )
                    return
                }
                let errorOutput = DataCollector()
                let group = DispatchGroup()
                let stderrHandle = stderr.fileHandleForReading
                DispatchQueue.global().async(group: group) {
                    errorOutput.set(stderrHandle.readDataToEndOfFile())
                }
                let standardOutput = stdout.fileHandleForReading.readDataToEndOfFile()
                group.wait()
                process.waitUntilExit()
                continuation.resume(
                    returning: Output(
                        status: process.terminationStatus,
                        killedBySignal: process.terminationReason == .uncaughtSignal,
                        stdout: standardOutput,
                        stderr: errorOutput.get()
                    )
                )
            }
        }
    }
}

/// Holds the stderr bytes read on another GCD thread.
private final class DataCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func set(_ data: Data) {
        lock.lock()
        self.data = data
        lock.unlock()
    }

    func get() -> Data {
        lock.lock()
        defer { lock.unlock() }
        return data
    }
}
