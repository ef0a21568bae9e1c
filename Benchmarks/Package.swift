// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

/// Benchmarks of Preflight, kept out of the main package so that its builds stay fast:
/// `BenchEndpoint`, a synthetic AWS endpoint serving the main package's `SyntheticAWS` (for `scripts/bench-org`), and
/// `PreflightBenchmarks`, micro-benchmarks run with `swift package benchmark`.
let package = Package(
    name: "PreflightBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Preflight", path: ".."),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "BenchEndpoint",
            dependencies: [
                .product(name: "AWSCore", package: "Preflight"),
                .product(name: "SyntheticAWS", package: "Preflight"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BenchTransports",
            dependencies: [.product(name: "AWSCore", package: "Preflight")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "CallCost",
            dependencies: [
                "BenchTransports",
                .product(name: "AWSCore", package: "Preflight"),
                .product(name: "AWSServices", package: "Preflight"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "PreflightBenchmarks",
            dependencies: [
                .product(name: "SyntheticAWS", package: "Preflight"),
                "BenchTransports",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "AWSSigV4", package: "Preflight"),
                .product(name: "AWSXML", package: "Preflight"),
                .product(name: "AWSCore", package: "Preflight"),
                .product(name: "AWSServices", package: "Preflight"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/PreflightBenchmarks",
            swiftSettings: strict,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
