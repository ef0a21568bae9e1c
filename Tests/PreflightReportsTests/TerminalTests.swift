import Foundation
import Testing

@testable import PreflightReports

@Suite struct TerminalTests {
    @Test func columnsComeFromCOLUMNSFirst() {
        #expect(Terminal.columns(environment: ["COLUMNS": "132"]) == 132)
    }

    @Test func columnsFallBackWithoutATerminal() throws {
        let pipe = Pipe()
        let columns = Terminal.columns(environment: ["COLUMNS": "zero"], fileDescriptor: pipe.fileHandleForWriting.fileDescriptor)
        #expect(columns == 100)
    }

    @Test func ciIsAnyTruthyValue() {
        #expect(Terminal.isCI(environment: ["CI": "true"]))
        #expect(Terminal.isCI(environment: ["CI": "1"]))
        #expect(!Terminal.isCI(environment: ["CI": "false"]))
        #expect(!Terminal.isCI(environment: [:]))
    }

    @Test func aPipeIsNoTerminal() {
        #expect(!Terminal.isTerminal(Pipe().fileHandleForWriting.fileDescriptor))
    }
}
