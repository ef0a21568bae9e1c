import AWSCore
import Testing

struct RetryConfigurationTests {
    @Test func defaultsToStandardWithThreeAttempts() throws {
        #expect(try RetryConfiguration(environment: [:]) == RetryConfiguration(mode: .standard, maxAttempts: 3))
        #expect(RetryConfiguration.default == RetryConfiguration(mode: .standard, maxAttempts: 3))
    }

    @Test(arguments: [
        (["AWS_RETRY_MODE": "adaptive"], RetryConfiguration(mode: .adaptive, maxAttempts: 3)),
        (["AWS_RETRY_MODE": " Adaptive "], RetryConfiguration(mode: .adaptive, maxAttempts: 3)),
        (["AWS_RETRY_MODE": "STANDARD", "AWS_MAX_ATTEMPTS": "5"], RetryConfiguration(mode: .standard, maxAttempts: 5)),
        (["AWS_RETRY_MODE": "legacy"], RetryConfiguration(mode: .standard, maxAttempts: 3)),
        (["AWS_MAX_ATTEMPTS": "1"], RetryConfiguration(mode: .standard, maxAttempts: 1)),
        (["AWS_MAX_ATTEMPTS": " 10 "], RetryConfiguration(mode: .standard, maxAttempts: 10)),
        (["AWS_RETRY_MODE": "", "AWS_MAX_ATTEMPTS": "  "], RetryConfiguration(mode: .standard, maxAttempts: 3)),
    ])
    func readsTheEnvironment(environment: [String: String], expected: RetryConfiguration) throws {
        #expect(try RetryConfiguration(environment: environment) == expected)
    }

    @Test(arguments: [
        (["AWS_RETRY_MODE": "fast"], "AWS_RETRY_MODE", RetryConfigurationError.Problem.unknownRetryMode),
        (["AWS_MAX_ATTEMPTS": "three"], "AWS_MAX_ATTEMPTS", .notAnInteger),
        (["AWS_MAX_ATTEMPTS": "2.5"], "AWS_MAX_ATTEMPTS", .notAnInteger),
        (["AWS_MAX_ATTEMPTS": "0"], "AWS_MAX_ATTEMPTS", .lessThanOne),
        (["AWS_MAX_ATTEMPTS": "-3", "AWS_RETRY_MODE": "adaptive"], "AWS_MAX_ATTEMPTS", .lessThanOne),
    ])
    func rejectsInvalidValuesNamingTheVariable(
        environment: [String: String], variable: String, problem: RetryConfigurationError.Problem
    ) throws {
        let error = #expect(throws: RetryConfigurationError.self) {
            try RetryConfiguration(environment: environment)
        }
        #expect(error?.variable == variable)
        #expect(error?.problem == problem)
        #expect(error?.value == environment[variable])
        #expect(error?.description.contains(variable) == true)
    }
}
