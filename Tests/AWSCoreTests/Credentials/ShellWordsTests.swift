import Testing

@testable import AWSCore

@Suite struct ShellWordsTests {
    @Test(arguments: [
        ("/usr/bin/tool --profile dev", ["/usr/bin/tool", "--profile", "dev"]),
        ("  tool   'a b'  \"c d\" ", ["tool", "a b", "c d"]),
        (#"tool "say \"hi\"" 'it''s' a\ b"#, ["tool", #"say "hi""#, "its", "a b"]),
        (#"tool "back\slash" ''"#, ["tool", #"back\slash"#, ""]),
        ("tool pre'quoted'post", ["tool", "prequotedpost"]),
    ])
    func splitsLikeShlex(line: String, words: [String]) throws {
        #expect(try ShellWords.split(line) == words)
    }

    @Test func rejectsUnterminatedQuotesAndTrailingBackslash() {
        #expect(throws: ShellWords.SplitError.unterminatedQuote) { try ShellWords.split("tool 'open") }
        #expect(throws: ShellWords.SplitError.unterminatedQuote) { try ShellWords.split("tool \"open") }
        #expect(throws: ShellWords.SplitError.trailingBackslash) { try ShellWords.split("tool \\") }
    }
}
