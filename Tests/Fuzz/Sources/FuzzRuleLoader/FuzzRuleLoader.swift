import CLibFuzzer
import Foundation
import PreflightEngine

/// One input: any text must load as a rule or the deployment model, or throw `RuleLoadError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRuleLoader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let loader = RuleLoader()
    _ = try? loader.parse(text, file: "fuzz.yaml")
    _ = try? loader.parseDeployment(text, file: "deployment.yaml")
    return 0
}

@main
enum FuzzRuleLoader {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzRuleLoader))
    }
}
