import Dispatch
import Foundation

/// Runs a profile's `credential_process` like botocore's `ProcessProvider`: the command line is split like
/// `shlex.split` and executed without a shell; exit status 0 and a Version 1 JSON document on stdout give
/// credentials. Every failure is `.invalid` and names the profile and the program (the command's first word) with
/// its exit status, never the rest of the command line nor anything the program printed: stderr is drained and
/// discarded, since a helper may print its credentials there when it fails. The program is killed when it runs
/// longer than `timeout` or prints more than `maxOutputBytes` on stdout or stderr.
struct CredentialProcess: Sendable {
    /// The most bytes read from each of the program's stdout and stderr: 1 MiB.
    static let maxOutputBytes = 1 << 20

    var commandLine: String
    var profile: String
    /// The child's environment (the injected one, so tests and callers control it) and `PATH` for lookup.
    var environment: [String: String]
    var timeout: Duration = CredentialProcessTimeout.standard

    /// How a run ended.
    enum Outcome: Sendable {
        case exited(status: Int32, killedBySignal: Bool, stdout: Data)
        case timedOut
        case tooMuchOutput
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
        let named = "credential_process program '\(program)'"
        switch try await run(executable: executable, arguments: Array(arguments.dropFirst()), program: named) {
        case .timedOut:
            throw failure("\(named) timed out after \(Self.seconds(timeout)) s and was killed")
        case .tooMuchOutput:
            throw failure("\(named) printed more than \(Self.maxOutputBytes) bytes and was killed")
        case .exited(let status, let killedBySignal, let stdout):
            guard status == 0 else {
                throw failure("\(named) \(killedBySignal ? "was killed by signal" : "exited with status") \(status)")
            }
            return try parse(stdout, program: named)
        }
    }

    func parse(_ stdout: Data, program: String) throws -> AWSCredentials {
        guard let object = (try? JSONSerialization.jsonObject(with: stdout)) as? [String: Any] else {
            throw failure("\(program) did not print a JSON object")
        }
        guard (object["Version"] as? NSNumber)?.doubleValue == 1 else {
            throw failure("\(program) printed an unsupported Version (supported: 1)")
        }
        guard let accessKeyId = object["AccessKeyId"] as? String else {
            throw failure("\(program) output lacks AccessKeyId")
        }
        guard let secretAccessKey = object["SecretAccessKey"] as? String else {
            throw failure("\(program) output lacks SecretAccessKey")
        }
        var expiration: Date?
        if let text = object["Expiration"] as? String {
            guard let date = CredentialTimestamp.parse(text) else {
                throw failure("\(program) printed an invalid Expiration")
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

    private static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000)" : "\(Double(milliseconds) / 1000)"
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

    /// Runs the program on GCD threads (the reads block): stdout is collected, stderr drained and discarded, both
    /// up to `maxOutputBytes`. The first of exit, timeout, too much output or cancellation ends the run; the
    /// last three kill the program.
    private func run(executable: String, arguments: [String], program: String) async throws -> Outcome {
        let environment = self.environment
        let profile = self.profile
        let limit = Self.maxOutputBytes
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        let run = ProcessRun()
        // Serial queues of their own: each gets a thread even when blocked reads fill the global queues' width,
        // so that the deadline fires on time.
        let lifecycle = DispatchQueue(label: "preflight.credential-process")
        let errors = DispatchQueue(label: "preflight.credential-process.stderr")
        let deadline = DispatchQueue(label: "preflight.credential-process.deadline")
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                run.start(continuation)
                lifecycle.async {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: executable)
                    process.arguments = arguments
                    process.environment = environment
                    let stdout = Pipe()
                    let stderr = Pipe()
                    process.standardOutput = stdout
                    process.standardError = stderr
                    process.standardInput = FileHandle.nullDevice
                    do {
                        try process.run()
                    } catch {
                        run.finish(
                            .failure(
                                CredentialProviderError(
                                    .invalid, provider: "profile \(profile)",
                                    message: "cannot start \(program): \(error.localizedDescription)")))
                        return
                    }
                    run.started(processIdentifier: process.processIdentifier)
                    deadline.asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) {
                        run.finish(.success(.timedOut))
                    }
                    let group = DispatchGroup()
                    let errorHandle = stderr.fileHandleForReading
                    errors.async(group: group) {
                        if Self.read(errorHandle, limit: limit, keep: false) == nil {
                            run.finish(.success(.tooMuchOutput))
                        }
                    }
                    guard let output = Self.read(stdout.fileHandleForReading, limit: limit, keep: true) else {
                        run.finish(.success(.tooMuchOutput))
                        return
                    }
                    group.wait()
                    process.waitUntilExit()
                    run.exited(
                        .exited(
                            status: process.terminationStatus,
                            killedBySignal: process.terminationReason == .uncaughtSignal,
                            stdout: output))
                }
            }
        } onCancel: {
            run.finish(.failure(CancellationError()))
        }
    }

    /// Reads `handle` to its end, keeping the bytes or not; `nil` once more than `limit` bytes came.
    private static func read(_ handle: FileHandle, limit: Int, keep: Bool) -> Data? {
        var data = Data()
        var count = 0
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { return data }
            count += chunk.count
            if count > limit { return nil }
            if keep { data.append(chunk) }
        }
    }
}

/// One run of a credential process: resumes its continuation once, with the first outcome, and kills the
/// process when the run ends any other way than by its exit.
private final class ProcessRun: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<CredentialProcess.Outcome, any Error>?
    private var processIdentifier: Int32?
    private var isFinished = false
    private var hasExited = false

    func start(_ continuation: CheckedContinuation<CredentialProcess.Outcome, any Error>) {
        lock.lock()
        defer { lock.unlock() }
        if isFinished {
            continuation.resume(throwing: CancellationError())
        } else {
            self.continuation = continuation
        }
    }

    /// Records the running process, so that it can be killed; kills it at once if the run already ended.
    func started(processIdentifier: Int32) {
        lock.lock()
        self.processIdentifier = processIdentifier
        let finished = isFinished
        lock.unlock()
        if finished { kill(processIdentifier, SIGKILL) }
    }

    /// The process exited (and was reaped) with `outcome`.
    func exited(_ outcome: CredentialProcess.Outcome) {
        lock.lock()
        hasExited = true
        lock.unlock()
        finish(.success(outcome))
    }

    /// Ends the run with `result` unless it already ended, killing the process if it has not exited.
    func finish(_ result: Result<CredentialProcess.Outcome, any Error>) {
        lock.lock()
        guard !isFinished else {
            lock.unlock()
            return
        }
        isFinished = true
        let continuation = self.continuation
        self.continuation = nil
        let running = hasExited ? nil : processIdentifier
        lock.unlock()
        if let running { kill(running, SIGKILL) }
        continuation?.resume(with: result)
    }
}
