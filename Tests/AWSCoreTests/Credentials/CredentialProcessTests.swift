import AWSCore
import Foundation
import Testing

@Suite struct CredentialProcessTests {
    /// Writes a fake credential helper script and a profile running it with `arguments`.
    private func withProcess(
        script: String,
        arguments: String = "",
        _ body: (CredentialTestDirectory) async throws -> Void
    ) async throws {
        let home = try CredentialTestDirectory()
        defer { home.remove() }
        let helper = try home.write("helper with space.sh", "#!/bin/sh\n" + script, executable: true)
        // Run through /bin/sh rather than exec'ing the script just written: a process another test forks meanwhile
        // can inherit the write descriptor, and exec then fails with ETXTBSY.
        try home.writeConfig(
            """
            [profile proc]
            credential_process = /bin/sh "\(helper)" \(arguments)
            """
        )
        try await body(home)
    }

    private func resolve(
        _ home: CredentialTestDirectory, environment: [String: String] = [:], timeout: Duration? = nil
    ) async throws -> AWSCredentials {
        try await CredentialProviderChain.default(
            profile: "proc",
            environment: home.environment(environment),
            httpClient: .shared,
            fetcher: FakeRoleFetcher(),
            credentialProcessTimeout: timeout
        ).credentials(logger: credentialTestLogger)
    }

    private func invalidError(
        _ home: CredentialTestDirectory, environment: [String: String] = [:], timeout: Duration? = nil
    ) async -> CredentialProviderError? {
        let error = await #expect(throws: CredentialProviderError.self) {
            try await resolve(home, environment: environment, timeout: timeout)
        }
        #expect(error?.kind == .invalid)
        #expect(error?.provider == "profile proc")
        return error
    }

    @Test func runsTheProcessWithoutAShellAndParsesVersion1() async throws {
        let script = """
            printf '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "process-secret", \
            "SessionToken": "%s", "Expiration": "2031-02-03T04:05:06Z"}' "$2" "$HOME"
            """
        try await withProcess(script: script, arguments: "--account 'a b;c' ignored") { home in
            let credentials = try await resolve(home)
            #expect(credentials.accessKeyId == "a b;c")
            #expect(credentials.secretAccessKey == "process-secret")
            #expect(credentials.sessionToken == home.path)
            #expect(credentials.expiration == Date(timeIntervalSince1970: 1_927_857_906))
        }
    }

    @Test func expirationIsOptional() async throws {
        let script = #"echo '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "s"}'"#
        try await withProcess(script: script) { home in
            let credentials = try await resolve(home)
            #expect(credentials == AWSCredentials(accessKeyId: "AKIDPROC", secretAccessKey: "s"))
        }
    }

    @Test func nonZeroExitIsAnErrorNamingTheProfile() async throws {
        try await withProcess(script: "echo 'SSO session expired, run aws sso login' >&2\nexit 3") { home in
            let error = await invalidError(home)
            #expect(error?.message == "credential_process program '/bin/sh' exited with status 3")
        }
    }

    /// A helper that prints its credentials to stderr and fails must not have them copied into the error.
    @Test func failureNeverQuotesWhatTheProgramPrinted() async throws {
        let document = #"{"Version": 1, "AccessKeyId": "AKIDLEAK", "SecretAccessKey": "secret-leak", "SessionToken": "token-leak"}"#
        try await withProcess(script: "echo '\(document)' >&2\necho '\(document)'\nexit 1") { home in
            let error = await invalidError(home)
            #expect(error?.message == "credential_process program '/bin/sh' exited with status 1")
            for secret in ["secret-leak", "token-leak", "AKIDLEAK"] {
                #expect(error?.description.contains(secret) == false)
            }
        }
    }

    @Test func stderrIsDrainedSoAChattyHelperSucceeds() async throws {
        let script = """
            head -c 300000 /dev/zero | tr '\\0' x >&2
            echo '{"Version": 1, "AccessKeyId": "AKIDCHATTY", "SecretAccessKey": "s"}'
            """
        try await withProcess(script: script) { home in
            let credentials = try await resolve(home)
            #expect(credentials.accessKeyId == "AKIDCHATTY")
        }
    }

    @Test(arguments: [
        "head -c 1100000 /dev/zero | tr '\\0' x\nexec sleep 30",
        "head -c 1100000 /dev/zero | tr '\\0' x >&2\nexec sleep 30",
    ])
    func tooMuchOutputKillsTheProgram(script: String) async throws {
        try await withProcess(script: script) { home in
            let clock = ContinuousClock()
            let start = clock.now
            let error = await invalidError(home)
            #expect(error?.message == "credential_process program '/bin/sh' printed more than 1048576 bytes and was killed")
            #expect(clock.now - start < .seconds(20))
        }
    }

    @Test func aHangingProgramIsKilledAfterTheEnvironmentTimeout() async throws {
        try await withProcess(script: "exec sleep 30") { home in
            let clock = ContinuousClock()
            let start = clock.now
            let error = await invalidError(home, environment: ["PREFLIGHT_CREDENTIAL_PROCESS_TIMEOUT": "0.5"])
            #expect(error?.message == "credential_process program '/bin/sh' timed out after 0.5 s and was killed")
            #expect(clock.now - start < .seconds(10))
        }
    }

    @Test func theTimeoutParameterOverridesTheEnvironment() async throws {
        try await withProcess(script: "exec sleep 30") { home in
            let error = await invalidError(
                home, environment: ["PREFLIGHT_CREDENTIAL_PROCESS_TIMEOUT": "600"], timeout: .seconds(1))
            #expect(error?.message == "credential_process program '/bin/sh' timed out after 1 s and was killed")
        }
    }

    @Test(arguments: ["0", "-1", "soon", "3601"])
    func anInvalidTimeoutVariableIsAnError(value: String) async throws {
        try await withProcess(script: "exit 0") { home in
            let error = await #expect(throws: CredentialProviderError.self) {
                try await resolve(home, environment: ["PREFLIGHT_CREDENTIAL_PROCESS_TIMEOUT": value])
            }
            #expect(error?.message.contains("PREFLIGHT_CREDENTIAL_PROCESS_TIMEOUT") == true)
        }
    }

    @Test(arguments: [
        ("echo 'AKIDLEAK not json'", "did not print a JSON object"),
        (#"echo '{"Version": 2, "AccessKeyId": "AKIDLEAK", "SecretAccessKey": "s"}'"#, "unsupported Version"),
        (#"echo '{"AccessKeyId": "AKIDLEAK", "SecretAccessKey": "s"}'"#, "unsupported Version"),
        (#"echo '{"Version": 1, "AccessKeyId": "AKIDLEAK"}'"#, "lacks SecretAccessKey"),
        (
            #"echo '{"Version": 1, "AccessKeyId": "AKIDLEAK", "SecretAccessKey": "s", "Expiration": "soon"}'"#,
            "invalid Expiration"
        ),
    ])
    func badOutputIsAnErrorThatDoesNotEchoIt(script: String, message: String) async throws {
        try await withProcess(script: script) { home in
            let error = await invalidError(home)
            #expect(error?.message.contains(message) == true, "\(String(describing: error))")
            #expect(error?.description.contains("AKIDLEAK") == false)
        }
    }

    @Test func missingProgramIsAnError() async throws {
        let home = try CredentialTestDirectory()
        defer { home.remove() }
        try home.writeConfig("[profile proc]\ncredential_process = no-such-credential-helper --secret hunter2\n")
        let error = await invalidError(home)
        #expect(error?.message.contains("'no-such-credential-helper' was not found") == true)
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test func programIsLookedUpInPath() async throws {
        let home = try CredentialTestDirectory()
        defer { home.remove() }
        try FileManager.default.createDirectory(atPath: home.path + "/bin", withIntermediateDirectories: true)
        // The program found on PATH is a link to /bin/sh, not a script just written: exec'ing a file this process
        // has just written can fail with ETXTBSY when another test forks meanwhile.
        try FileManager.default.createSymbolicLink(atPath: home.path + "/bin/creds-helper", withDestinationPath: "/bin/sh")
        let script = try home.write(
            "helper.sh", "echo '{\"Version\": 1, \"AccessKeyId\": \"AKIDPATH\", \"SecretAccessKey\": \"s\"}'\n")
        try home.writeConfig("[profile proc]\ncredential_process = creds-helper \"\(script)\"\n")
        let credentials = try await CredentialProviderChain.default(
            profile: "proc",
            environment: home.environment(["PATH": "/nonexistent:\(home.path)/bin"]),
            httpClient: .shared,
            fetcher: FakeRoleFetcher()
        ).credentials(logger: credentialTestLogger)
        #expect(credentials.accessKeyId == "AKIDPATH")
    }

    @Test func credentialsFileKeysBeatTheProcessButConfigFileKeysDoNot() async throws {
        let script = #"echo '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "s"}'"#
        try await withProcess(script: script) { home in
            let config = try String(contentsOfFile: home.path + "/.aws/config", encoding: .utf8)
            try home.writeConfig(config + "\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = c\n")
            #expect(try await resolve(home).accessKeyId == "AKIDPROC")
            try home.writeCredentials("[proc]\naws_access_key_id = AKIDFILE\naws_secret_access_key = f\n")
            #expect(try await resolve(home).accessKeyId == "AKIDFILE")
        }
    }
}
