import ArgumentParser

/// Bad input (a file, a flag's value): printed as one line, exit code 2.
struct InputError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
