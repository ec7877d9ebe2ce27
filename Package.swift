// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "callscope",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "callscope", targets: ["callscope"]),
        .library(name: "CallScopeKit", targets: ["CallScopeKit"]),
        .library(name: "CallScopeSandbox", targets: ["CallScopeSandbox"]),
        .library(name: "CallScopeTUI", targets: ["CallScopeTUI"]),
        .library(name: "CallScopeStore", targets: ["CallScopeStore"]),
        .library(name: "CallScopePostgres", targets: ["CallScopePostgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.1.4"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/pointfreeco/swift-custom-dump", from: "1.7.3"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    ],
    targets: [
        // The shared provider library: normalized records, provider clients. No terminal, no SQLite.
        .target(
            name: "CallScopeKit",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // Simulators of the five provider APIs. Writes each provider's JSON with its own code,
        // never with CallScopeKit's wire types, so a misreading of a doc is not shared by both.
        .target(
            name: "CallScopeSandbox",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // The local store (SQLite through GRDB): the calls cache with keyset paging and full-text
        // search, local notes and tags, and the outbox of edits waiting to be sent.
        .target(
            name: "CallScopeStore",
            dependencies: [
                "CallScopeKit",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's own API, for the rows a CSV is written from without a `Row` a field.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ]
        ),
        // The team store (PostgreSQL through PostgresNIO): the same calls, notes, tags, outbox and
        // sync spans shared by several machines. A target of its own so that the embedded store
        // (GRDB) and this one never see each other's driver; what both need (the search text, the
        // query model) is `package` in CallScopeStore.
        .target(
            name: "CallScopePostgres",
            dependencies: [
                "CallScopeKit",
                "CallScopeStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                // the probe's own connection, watched for a clear-text password request
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // The ICSOC CDR push receiver: verifies, decrypts, maps and commits pushes before acknowledging.
        // Its signature and decryption code is its own, never the sandbox's (the sender's).
        .target(
            name: "CallScopeReceiver",
            dependencies: [
                "CallScopeKit",
                "CallScopeStore",
                // its log lines hold text from the sender (paths, ids, field values)
                "CallScopeText",
                .product(name: "Hummingbird", package: "hummingbird"),
                // its connection cap (MaximumAvailableConnections)
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                // the request parts its connection deadline handler sees
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // Text for terminals, shared by the TUI and the CLI's tables: display width, sanitising,
        // fitting, the call table's columns and the report's words.
        .target(name: "CallScopeText", dependencies: ["CallScopeKit"]),
        // Wide-character ncurses: module map + shim header with C accessors for macros and globals.
        .systemLibrary(name: "CNCursesW", path: "Sources/CNCursesW"),
        // glibc's malloc tuning (mallopt), which the Glibc module does not show.
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        // The terminal UI: screen buffer, sanitising, display width, backends, keys, themes, views.
        .target(
            name: "CallScopeTUI",
            dependencies: [
                "CNCursesW",
                "CallScopeKit",
                "CallScopeStore",
                "CallScopeText",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            // The shipped themes, compiled into the binary (see BuiltinThemes.swift).
            resources: ["default", "light", "high-contrast", "solarized-dark", "mono"].map { .embedInCode("Theme/Builtin/\($0).toml") }
        ),
        .executableTarget(
            name: "callscope",
            dependencies: [
                "CallScopeKit",
                "CallScopeReceiver",
                "CallScopeSandbox",
                "CallScopeStore",
                "CallScopePostgres",
                "CallScopeText",
                "CallScopeTUI",
                "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            // Release builds link the Swift runtime and Foundation in: a third less time to start
            // (every `calls` of a script, every TUI start), with no shared library to resolve at
            // load. After `-static-stdlib`, the libraries it leaves to the app, in link order.
            // Not in debug builds: the test bundles link this module and need the shared runtime.
            linkerSettings: [
                .unsafeFlags([
                    "-static-stdlib", "-lFoundation", "-lFoundationInternationalization", "-lFoundationEssentials", "-lCoreFoundation",
                    "-l_FoundationCShims", "-l_FoundationCollections", "-l_FoundationICU", "-lswiftDispatch", "-ldispatch",
                    "-lBlocksRuntime", "-lswiftSynchronization",
                ], .when(platforms: [.linux], configuration: .release)),
            ]
        ),
        // Speed measurements, reported in closing notes; never timed tests.
        .executableTarget(
            name: "callscope-bench",
            dependencies: [
                "CallScopeKit",
                "CallScopePostgres",
                "CallScopeReceiver",
                "CallScopeSandbox",
                "CallScopeStore",
                "TerminalTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "CallScopeKitTests",
            dependencies: [
                "CallScopeKit",
                "CallScopeTestSupport",
                "TerminalTestSupport",
                .product(name: "CustomDump", package: "swift-custom-dump"),
                "CallScopeSandbox",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "CallScopeStoreTests",
            dependencies: [
                "CallScopeStore", "CallScopePostgres", "CallScopeKit", "CallScopeSandbox", "CallScopeTestSupport", "PostgresTestSupport", "TerminalTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // What only tests need: reading records back from the CLI's JSON, ndjson and CSV (with
        // someone else's CSV reader), comparing records with a readable difference, what a path is
        // (a file, a link) and its mode, and a provider that is wrong on purpose (HostileProvider).
        .target(
            name: "CallScopeTestSupport",
            dependencies: [
                "CallScopeKit",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "CustomDump", package: "swift-custom-dump"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Tests/CallScopeTestSupport"
        ),
        // Programs run to their end (swift-subprocess) and the one tmux driver, for the end-to-end
        // tests and `callscope-bench tui`.
        .target(
            name: "TerminalTestSupport",
            dependencies: [.product(name: "Subprocess", package: "swift-subprocess")],
            path: "Tests/TerminalTestSupport"
        ),
        // Throwaway PostgreSQL clusters for the tests that need a server (initdb in a temporary
        // folder, started on a free port, stopped afterwards), their programs run by TerminalTestSupport.
        .target(
            name: "PostgresTestSupport",
            dependencies: [
                "CallScopeKit",
                "TerminalTestSupport",
            ],
            path: "Tests/PostgresTestSupport"
        ),
        .testTarget(
            name: "CallScopePostgresTests",
            dependencies: [
                "CallScopePostgres",
                "CallScopeStore",
                "CallScopeKit",
                "PostgresTestSupport",
                "TerminalTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "CallScopeTUITests",
            dependencies: [
                "CallScopeTUI",
                "CallScopeText",
                "CallScopeSandbox",
                "CNCursesW",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            // Reference screens, read through #filePath (CALLSCOPE_RECORD_SNAPSHOTS=1 rewrites them).
            exclude: ["Screens/Snapshots"]
        ),
        // End to end: the built `callscope` binary against the sandbox.
        .testTarget(
            name: "CallScopeCLITests",
            dependencies: [
                "callscope", "CallScopeKit", "CallScopeSandbox", "CallScopeStore", "CallScopeTestSupport", "PostgresTestSupport",
                "TerminalTestSupport",
            ]
        ),
        .testTarget(
            name: "CallScopeReceiverTests",
            dependencies: [
                "CallScopeReceiver",
                "CallScopeKit",
                "CallScopeStore",
                "CallScopePostgres",
                "PostgresTestSupport",
                "CallScopeSandbox",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "CallScopeSandboxTests",
            dependencies: [
                "CallScopeSandbox",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
