// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "sotay",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sotay", targets: ["sotay"]),
        .library(name: "SoTayCore", targets: ["SoTayCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // What the Swift modules of the C library leave out (a GNU extension).
        .target(name: "CWriteback"),
        .target(
            name: "SoTayCore",
            dependencies: ["CWriteback", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .target(
            name: "SoTayServer",
            dependencies: [
                "SoTayCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "sotay",
            dependencies: [
                "SoTayCore",
                "SoTayServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "SoTayBench",
            dependencies: ["SoTayCore"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "sotay-bench",
            dependencies: ["SoTayBench", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SoTayBenchTests",
            dependencies: ["SoTayBench", "SoTayCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SoTayCoreTests",
            dependencies: ["SoTayCore", "CWriteback", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SoTayServerTests",
            dependencies: [
                "SoTayServer", "SoTayCore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "sotayTests",
            dependencies: ["sotay", "SoTayCore"],
            exclude: ["Golden", "Scripts"],
            swiftSettings: strict
        ),
    ]
)
