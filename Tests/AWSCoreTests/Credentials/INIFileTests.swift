import Testing

@testable import AWSCore

@Suite struct INIFileTests {
    @Test func readsSectionsKeysAndValuesLikeBotocore() throws {
        let file = try INIFile.parse(
            """
            # a comment
            ; another comment
            [default]
              Region = us-east-1
            output: json
            note = keeps # this, inline comments are not comments
            empty =

            [profile dev]
            role_arn=arn:aws:iam::123456789012:role/Dev
                # indented comment
            """
        )
        #expect(file.sections.map(\.name) == ["default", "profile dev"])
        #expect(
            file.sections[0].values == [
                "region": "us-east-1",
                "output": "json",
                "note": "keeps # this, inline comments are not comments",
                "empty": "",
            ]
        )
        #expect(file.sections[1].values == ["role_arn": "arn:aws:iam::123456789012:role/Dev"])
    }

    @Test func dropsSubSectionsAndJoinsContinuationLines() throws {
        let file = try INIFile.parse(
            """
            [default]
            s3 =
              max_concurrent_requests = 10
              addressing_style = path

            region = eu-west-1
            long = first
              second
            """
        )
        #expect(file.sections[0].values == ["region": "eu-west-1", "long": "first\nsecond"])
    }

    @Test func defaultSectionFeedsEverySection() throws {
        let file = try INIFile.parse("[DEFAULT]\nregion = eu-west-1\n[a]\nx = 1\n[b]\nregion = us-east-2\n")
        #expect(file.sections.map(\.name) == ["a", "b"])
        #expect(file.sections[0].values == ["region": "eu-west-1", "x": "1"])
        #expect(file.sections[1].values == ["region": "us-east-2"])
    }

    @Test(arguments: [
        ("region = us-east-1\n[default]\n", 1, "outside of any [section]"),
        ("[default]\nregion us-east-1\n", 2, "expected 'name = value'"),
        ("[default]\n= value\n", 2, "without a name"),
        ("[a]\nx = 1\n[b]\n[a]\n", 4, "section [a] appears twice"),
        ("[a]\nx = 1\nX = 2\n", 3, "a setting appears twice"),
        ("[DEFAULT]\nx = 1\nx = 2\n", 3, "a setting appears twice"),
        ("[a]\ns3 =\n  novalue\n", 3, "expected 'name = value' in an indented block"),
    ])
    func reportsTheLineOfAnError(text: String, line: Int, reason: String) {
        let error = #expect(throws: INIFile.ParseError.self) { try INIFile.parse(text) }
        #expect(error?.line == line)
        #expect(error?.reason.contains(reason) == true)
    }

    @Test func errorsNeverQuoteTheOffendingLine() {
        let error = #expect(throws: INIFile.ParseError.self) {
            try INIFile.parse("[default]\naws_secret_access_key wJalrXUtnFEMI\n")
        }
        #expect(error.map { "\($0)" }?.contains("wJalrXUtnFEMI") == false)
    }

    /// A secret pasted twice as a key (its own `=` padding makes it a `name = value` line) must not come back.
    @Test(arguments: [
        "[default]\nwJalrXUtnFEMIK7MDENGbPxRfiCY==\nwJalrXUtnFEMIK7MDENGbPxRfiCY==\n",
        "[DEFAULT]\nwJalrXUtnFEMIK7MDENGbPxRfiCY = a\nwJalrXUtnFEMIK7MDENGbPxRfiCY = b\n",
        "[default]\nwJalrXUtnFEMIK7MDENGbPxRfiCY =\n  novalue\n",
    ])
    func errorsNeverQuoteTheSettingName(text: String) {
        let error = #expect(throws: INIFile.ParseError.self) { try INIFile.parse(text) }
        #expect(error.map { "\($0)" }?.lowercased().contains("wjalrxutnfemik7mdengbpxrficy") == false)
    }
}
