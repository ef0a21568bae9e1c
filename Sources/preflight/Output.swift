import Foundation

/// Writes report files; `-` means stdout.
enum Output {
    static func write(_ data: Data, to path: String) throws {
        if path == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw InputError("\(path): cannot write the report")
        }
    }
}
