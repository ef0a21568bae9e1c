import Foundation

/// What the text output may assume about the terminal.
public enum Terminal {
    /// The width for the text report: `COLUMNS` when it is a positive number, else the width of the terminal on
    /// `fileDescriptor`, else 100.
    public static func columns(
        environment: [String: String] = ProcessInfo.processInfo.environment, fileDescriptor: Int32 = STDOUT_FILENO
    ) -> Int {
        if let value = environment["COLUMNS"].flatMap(Int.init), value > 0 { return value }
        var size = winsize()
        if ioctl(fileDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 100
    }

    /// Whether `fileDescriptor` is a terminal.
    public static func isTerminal(_ fileDescriptor: Int32) -> Bool {
        isatty(fileDescriptor) == 1
    }

    /// Whether this runs in CI: `CI` set to anything but empty, `0` or `false`.
    public static func isCI(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let value = environment["CI"]?.lowercased() else { return false }
        return !["", "0", "false"].contains(value)
    }
}
