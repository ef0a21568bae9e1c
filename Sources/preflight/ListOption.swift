/// Flattens a repeatable, comma-separated list option: `--regions a,b --regions c` → `[a, b, c]`.
enum ListOption {
    static func flatten(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
