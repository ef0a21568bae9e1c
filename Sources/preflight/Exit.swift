import ArgumentParser
import Foundation

/// Maps failures to the documented exit codes: 2 for bad input, printed as one line on stderr.
enum Exit {
    static let pass = ExitCode(0)
    static let fail = ExitCode(1)
    static let badInput = ExitCode(2)
    static let incomplete = ExitCode(3)

    /// Prints `message` on stderr and returns exit code 2.
    static func input(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("preflight: error: \(message)\n".utf8))
        return badInput
    }

    /// Runs `body`, turning an `InputError` into a one-line message and exit code 2.
    static func guarding<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as InputError {
            throw input(error.description)
        }
    }
}
