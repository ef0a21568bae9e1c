/// How grouped views (Markdown, HTML) show the remediation of several results of one rule.
enum RemediationAdvice {
    /// The advice common to `remediations`: all of it when they agree, else their longest common suffix of lines.
    static func common(_ remediations: [String]) -> String {
        guard var common = remediations.first?.split(separator: "\n", omittingEmptySubsequences: false) else { return "" }
        for remediation in remediations.dropFirst() {
            let lines = remediation.split(separator: "\n", omittingEmptySubsequences: false)
            var count = 0
            while count < min(common.count, lines.count), common[common.count - 1 - count] == lines[lines.count - 1 - count] {
                count += 1
            }
            common = common.suffix(count)
        }
        return common.joined(separator: "\n")
    }
}
