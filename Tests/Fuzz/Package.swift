// swift-tools-version: 6.1
import PackageDescription

// libFuzzer targets for Preflight's parsers of untrusted input. Build and run with `scripts/fuzz` (Linux):
//   swift build --package-path Tests/Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
//   Tests/Fuzz/.build/debug/FuzzXMLDecoder NEW_CORPUS_DIR Tests/Fuzz/Corpus/XMLDecoder -max_total_time=60
// Each target defines LLVMFuzzerTestOneInput and a main that hands it to libFuzzer's driver (LLVMFuzzerRunDriver):
// SwiftPM's debug executables need a Swift main. gold cannot link the sanitized objects, hence lld.
let package = Package(
    name: "PreflightFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Preflight", path: "../.."),
    ],
    targets: [
        .target(name: "CLibFuzzer"),
        .executableTarget(
            name: "FuzzXMLDecoder",
            dependencies: ["CLibFuzzer", .product(name: "AWSXML", package: "Preflight")]),
        .executableTarget(
            name: "FuzzRuleLoader",
            dependencies: ["CLibFuzzer", .product(name: "PreflightEngine", package: "Preflight")]),
        .executableTarget(
            name: "FuzzParametersFile",
            dependencies: ["CLibFuzzer", .product(name: "PreflightEngine", package: "Preflight")]),
    ],
    swiftLanguageModes: [.v6]
)
