import PreflightEngine
import Testing

@testable import PreflightReports

/// The instances SSM does not manage, grouped by their first cause with their accounts, in the text, Markdown and
/// HTML reports.
@Suite struct CauseGroupsTests {
    static func instance(_ id: String, account: String, _ causes: [DiagnosisCause]) -> InstanceCoverage {
        var instance = Sample.instance(id, causes.isEmpty ? .covered : .uncovered, account: account, reason: causes.isEmpty ? nil : .notManaged)
        instance.causes = causes
        return instance
    }

    static let report = Sample.report(instances: [
        instance("i-01", account: "111111111111", [.noNetworkPath, .securityGroupBlocksHTTPS]),
        instance("i-02", account: "111111111111", [.noNetworkPath]),
        instance("i-03", account: "222222222222", [.noNetworkPath]),
        instance("i-04", account: "222222222222", [.noInstanceProfile]),
        instance("i-05", account: "333333333333", [.securityGroupBlocksHTTPS]),
        instance("i-06", account: "333333333333", []),
    ])

    @Test func groupsByTheFirstCauseInTheCausesOrder() {
        #expect(CauseGroups(Self.report.coverage.instances).groups.map(\.line) == [
            "1 instance in 1 account: no-instance-profile",
            "3 instances in 2 accounts: no-network-path",
            "1 instance in 1 account: security-group-blocks-https",
        ])
        #expect(CauseGroups([Self.instance("i-06", account: "333333333333", [])]).isEmpty)
    }

    @Test func theReportsShowTheGroups() {
        let text = TextReportRenderer(color: false, width: 160).render(Self.report)
        #expect(text.contains("Why instances are not managed by Systems Manager (first cause)\n"
            + "  1 instance in 1 account: no-instance-profile (no instance profile is attached"))
        #expect(text.contains("  3 instances in 2 accounts: no-network-path (no route to Systems Manager"))
        let markdown = MarkdownReportRenderer().render(Self.report)
        #expect(markdown.contains("| 3 | 2 | `no-network-path` | no route to Systems Manager"))
        let html = HTMLReportRenderer().render(Self.report)
        #expect(html.contains("<li><strong>3 instances in 2 accounts: no-network-path</strong>"))
        #expect(html.contains(">no-network-path, security-group-blocks-https</td>"))
    }
}
