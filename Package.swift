// swift-tools-version:6.0
import PackageDescription

/// Settings every Swift target shares: Swift 6 language mode is the default for tools-version 6;
/// warnings are treated as the defects they are.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "chain-etl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "simnode", targets: ["SimNodeTool"]),
        .executable(name: "scrape", targets: ["ScrapeTool"]),
        .executable(name: "copy-raw", targets: ["CopyRawTool"]),
        .executable(name: "aggregate-daily", targets: ["AggregateDailyTool"]),
        .executable(name: "wallet-stats", targets: ["WalletStatsTool"]),
        .executable(name: "build-top10", targets: ["BuildTop10Tool"]),
        .library(name: "ChainETL", targets: ["ChainETL"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "ChainETL",
            dependencies: [
                "CLibPQ",
                "CCurl",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CommandSupport",
            dependencies: [
                "ChainETL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SimNode",
            dependencies: [
                "ChainETL",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "SimNodeTool",
            dependencies: ["SimNode", "CommandSupport", "ChainETL"],
            path: "Sources/simnode",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "ScrapeTool",
            dependencies: ["CommandSupport", "ChainETL"],
            path: "Sources/scrape",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "CopyRawTool",
            dependencies: ["CommandSupport", "ChainETL", "CopyRawAllocator"],
            path: "Sources/copy-raw",
            swiftSettings: strictSettings
        ),
        // copy-raw allocates and frees millions of strings and arrays per batch on two threads; glibc's malloc
        // and free were a quarter of its CPU. With jemalloc in their place, a load of 300 mainnet-shaped blocks
        // took 24 s of CPU instead of 32 s, and 41 s instead of 44 s (scrape, which allocates far less, gained
        // nothing and keeps glibc's). The target also carries jemalloc's settings.
        .target(
            name: "CopyRawAllocator",
            linkerSettings: [.linkedLibrary("jemalloc")]
        ),
        .executableTarget(
            name: "AggregateDailyTool",
            dependencies: ["CommandSupport", "ChainETL"],
            path: "Sources/aggregate-daily",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "WalletStatsTool",
            dependencies: ["CommandSupport", "ChainETL"],
            path: "Sources/wallet-stats",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "BuildTop10Tool",
            dependencies: ["CommandSupport", "ChainETL"],
            path: "Sources/build-top10",
            swiftSettings: strictSettings
        ),
        .target(
            name: "TestSupport",
            dependencies: ["ChainETL", "SimNode"],
            path: "Tests/TestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ChainETLTests",
            dependencies: ["ChainETL", "TestSupport", "SimNode"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SimNodeTests",
            dependencies: ["SimNode", "ChainETL", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ToolTests",
            dependencies: ["ChainETL", "CommandSupport", "TestSupport", "SimNode"],
            swiftSettings: strictSettings
        ),
    ]
)
