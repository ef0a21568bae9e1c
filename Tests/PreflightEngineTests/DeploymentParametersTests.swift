import Foundation
import Testing

@testable import PreflightEngine

@Suite struct DeploymentParametersTests {
    @Test func parsesTheCreateStackParametersFile() throws {
        let text = """
            [
              {"ParameterKey": "AccountAdminStatus", "ParameterValue": "DELEGATED_ADMIN"},
              {"ParameterKey": "CronJob", "ParameterValue": "cron(15 10 * * ? *)"},
              {"ParameterKey": "CloudOneAPIKey", "ParameterValue": "tmc-secret-key"}
            ]
            """
        let parameters = try DeploymentParameters.parse(Data(text.utf8), file: "p.json")
        #expect(parameters.accountAdminStatus == "DELEGATED_ADMIN")
        #expect(parameters["CronJob"] == "cron(15 10 * * ? *)")
        #expect(parameters.values["CloudOneAPIKey"]?.line == 4)
        #expect(parameters.file == "p.json")
    }

    @Test func defaultsToSelfWithoutAFile() {
        #expect(DeploymentParameters().accountAdminStatus == "SELF")
    }

    @Test(arguments: [
        ("{\"a\": 1}", 1, "expected a JSON array"),
        ("[\n {\"ParameterKey\": \"CronJob\"}\n]", 2, "CronJob: ParameterValue is missing"),
        ("[\n {\"ParameterKey\": \"Nope\", \"ParameterValue\": \"x\"}\n]", 2, "'Nope' is not a parameter"),
        ("[\n {\"ParameterKey\": \"CronJob\", \"ParameterValue\": \"a\"},\n {\"ParameterKey\": \"CronJob\", \"ParameterValue\": \"b\"}\n]", 3, "given twice"),
        ("[\n {\"ParameterKey\": \"CronJob\",\n \"ParameterValue\": }\n]", 3, "not valid JSON"),
    ])
    func rejectsMistakesWithFileAndLine(_ text: String, _ line: Int, _ fragment: String) {
        #expect {
            try DeploymentParameters.parse(Data(text.utf8), file: "bad.json")
        } throws: { error in
            guard let error = error as? ParametersFileError else { return false }
            return error.file == "bad.json" && error.line == line && error.message.contains(fragment)
        }
    }

    @Test func errorsNeverQuoteValues() {
        let text = "[{\"ParameterKey\": \"CloudOneAPIKey\", \"ParameterValue\": 42}]"
        #expect {
            try DeploymentParameters.parse(Data(text.utf8), file: "p.json")
        } throws: { error in
            !"\(error)".contains("42")
        }
    }
}
