// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "Preflight",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "preflight", targets: ["preflight"]),
        .library(name: "AWSSigV4", targets: ["AWSSigV4"]),
        .library(name: "AWSXML", targets: ["AWSXML"]),
        .library(name: "AWSCore", targets: ["AWSCore"]),
        .library(name: "AWSServices", targets: ["AWSServices"]),
        .library(name: "CloudOne", targets: ["CloudOne"]),
        .library(name: "PreflightEngine", targets: ["PreflightEngine"]),
        .library(name: "SyntheticAWS", targets: ["SyntheticAWS"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "AWSXML",
            dependencies: ["CLibXML2"],
            swiftSettings: strict
        ),
        .target(
            name: "AWSSigV4",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(
            name: "AWSCore",
            dependencies: [
                "AWSXML", "AWSSigV4",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AWSServices",
            dependencies: ["AWSCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(
            name: "CloudOne",
            dependencies: ["AWSCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(
            name: "PreflightEngine",
            dependencies: [
                "AWSCore", "AWSServices", "CloudOne", "NetworkPath", "PolicyEvaluation",
                .product(name: "Logging", package: "swift-log"), .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "PreflightReports",
            dependencies: ["PreflightEngine"],
            swiftSettings: strict
        ),
        .target(name: "PolicyEvaluation", swiftSettings: strict),
        .target(name: "NetworkPath", swiftSettings: strict),
        .target(
            name: "SyntheticAWS",
            dependencies: ["AWSCore", "CloudOne"],
            path: "Tests/SyntheticAWS",
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        .target(
            name: "EmulatorSupport",
            path: "Tests/EmulatorSupport",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "preflight",
            dependencies: [
                "AWSCore", "AWSServices", "CloudOne", "PreflightEngine", "PreflightReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "AWSXMLTests", dependencies: ["AWSXML"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "AWSSigV4Tests", dependencies: ["AWSSigV4"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(
            name: "AWSCoreTests",
            dependencies: [
                "AWSCore",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "CloudOneTests", dependencies: ["CloudOne"], swiftSettings: strict),
        .testTarget(name: "PolicyEvaluationTests", dependencies: ["PolicyEvaluation"], swiftSettings: strict),
        .testTarget(name: "NetworkPathTests", dependencies: ["NetworkPath"], swiftSettings: strict),
        .testTarget(name: "AWSServicesTests", dependencies: ["AWSServices", "EmulatorSupport"], swiftSettings: strict),
        .testTarget(
            name: "PreflightEngineTests",
            dependencies: [
                "PreflightEngine", "PreflightReports", "EmulatorSupport", "SyntheticAWS", "CloudOne", "NetworkPath",
                "PolicyEvaluation", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "PreflightCLITests", dependencies: ["preflight", "EmulatorSupport"], exclude: ["Golden"],
            swiftSettings: strict),
        .testTarget(name: "PreflightReportsTests", dependencies: ["PreflightReports"], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
