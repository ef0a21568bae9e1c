import CLibFuzzer
import Foundation
import PreflightEngine

/// One input: any bytes must parse as a parameters file or throw `ParametersFileError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParametersFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = try? DeploymentParameters.parse(Data(UnsafeBufferPointer(start: data, count: size)), file: "parameters.json")
    return 0
}

@main
enum FuzzParametersFile {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzParametersFile))
    }
}
