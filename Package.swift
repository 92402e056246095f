// swift-tools-version: 6.1
import PackageDescription

// Module map (read the folder names top to bottom):
//   CCRC32C        C: CRC32c with an SSE4.2 path chosen at run time (RFC 9260 Appendix A)
//   CMemoryHints   C: cache prefetch hints for the offline checker's hot loop (and the association
//                  table's, which it asks for a few packets ahead)
//   SCTPWire       the SCTP codec: raw views, typed chunks/parameters/causes, encode/decode, and the
//                  chunk registry every per-chunk-type table derives from
//   NetworkLayers  what sits below SCTP: Ethernet, Linux cooked, IPv4, IPv6, UDP (RFC 6951); the
//                  AddressedPacket envelope and PacketDirection every layer shares
//   Captures       pcap and pcapng files, read and write
//   VirtualTime    the discrete-event clock every timer runs on
//   Scenario       the YAML scenario DSL: model, loader, patterns, variables
//   Transports     the Transport protocol and its decorators (pcap capture, fault injection)
//   NetworkTransports  real wires on swift-nio: raw IPv4/IPv6 (protocol 132) and UDP encapsulation
//                  (RFC 6951), with the real-time mapping of the virtual clock onto the wall clock
//   Targets        systems under test (usrsctp on virtual time, external stacks driven by agents over
//                  network namespaces, remote peers)
//   Rules          the RFC rule engine, the rules, the association tracker and the live checker;
//                  the findings' model
//   CaptureCheck   the offline capture pipeline on top of Rules: `CaptureChecker`, its reading and
//                  decoding thread, shards of rule engines, prefetch hints, and `CheckReport`
//   Runner         the open HarnessSession, and the scenario interpreter on it that produces verdicts
//   Reports        every rendering of results: `run`'s console lines, JSON, JUnit XML and HTML, and
//                  `check`'s text and JSON reports (one renderer family for both commands)
//   Fuzz           the property-based fuzzer
//   sctpconform    the command-line tool
//   Benchmarks     `sctpconform-bench`, figures printed, never timed tests
let package = Package(
    name: "sctpconform",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sctpconform", targets: ["sctpconform"]),
        .executable(name: "sctpconform-bench", targets: ["Benchmarks"]),
        .library(name: "SCTPWire", targets: ["SCTPWire"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .target(name: "CCRC32C"),
        .target(name: "CMemoryHints"),
        .target(name: "CProcessSupport"),
        .target(name: "SCTPWire", dependencies: ["CCRC32C"]),
        .target(name: "NetworkLayers", dependencies: ["VirtualTime"]),
        .target(name: "Captures", dependencies: ["NetworkLayers"]),
        .target(
            name: "VirtualTime",
            dependencies: [.product(name: "HeapModule", package: "swift-collections")]
        ),
        .target(name: "Scenario", dependencies: ["SCTPWire", "NetworkLayers", "Yams"]),
        .target(name: "Transports", dependencies: ["SCTPWire", "NetworkLayers", "Captures", "VirtualTime"]),
        .target(
            name: "NetworkTransports",
            dependencies: [
                "Transports", "NetworkLayers", "VirtualTime",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "Targets",
            dependencies: [
                "SCTPWire", "NetworkLayers", "Transports", "NetworkTransports", "VirtualTime", "CProcessSupport",
            ],
            resources: [
                .copy("Agent/USRSCTP/sctpconform-usrsctp-agent.c"),
                .copy("USRSCTP/sctpconform-usrsctp.c"), .copy("USRSCTP/sctpconform-usrsctp-timers.c"),
                .copy("USRSCTP/sctpconform-usrsctp-ceiling.c"), .copy("USRSCTP/sctpconform-usrsctp-hooks.c"),
                .copy("USRSCTP/sctpconform-usrsctp-channel.c"), .copy("Pion/sctpconform-pion-agent.go"),
                .copy("USRSCTP/sctpconform-usrsctp-fuzz.c"), .copy("USRSCTP/sctpconform-usrsctp-hmac.c"),
                .copy("Linux/sctpconform-linux-agent.c"), .copy("Linux/sctpconform-linux-agent-io.c"),
                .copy("Linux/sctpconform-linux-agent-options.c"), .copy("Linux/sctpconform-linux-agent-events.c"),
                .copy("Linux/sctpconform-linux-agent-apps.c"), .copy("Linux/guest-init.sh"),
            ]
        ),
        .target(name: "Rules", dependencies: ["SCTPWire", "NetworkLayers", "VirtualTime", "Captures", "CMemoryHints"]),
        .target(
            name: "CaptureCheck",
            dependencies: ["Rules", "SCTPWire", "NetworkLayers", "Captures", "CMemoryHints"]
        ),
        .target(
            name: "Runner",
            dependencies: [
                "SCTPWire", "NetworkLayers", "Scenario", "Targets", "Transports", "Rules", "VirtualTime", "Captures",
            ]
        ),
        .target(
            name: "Reports", dependencies: ["Runner", "Rules", "CaptureCheck", "Captures", "Scenario", "NetworkLayers"]
        ),
        .target(
            name: "Fuzz",
            dependencies: [
                "SCTPWire", "Scenario", "Runner", "Targets", "Transports", "NetworkLayers", "VirtualTime", "Rules",
            ]
        ),
        .executableTarget(
            name: "sctpconform",
            dependencies: [
                "SCTPWire", "NetworkLayers", "Captures", "Scenario", "Targets", "Rules", "CaptureCheck", "Runner",
                "Reports", "Fuzz", "VirtualTime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "Benchmarks",
            dependencies: [
                "SCTPWire", "NetworkLayers", "Captures", "Rules", "CaptureCheck", "Runner", "Targets", "Scenario",
                "VirtualTime", "Fuzz",
            ]
        ),

        .testTarget(
            name: "SCTPWireTests",
            dependencies: ["SCTPWire", .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "CapturesTests",
            dependencies: ["Captures", "NetworkLayers", "SCTPWire", "Transports", "VirtualTime", "TransportTestSupport"]
        ),
        .testTarget(name: "VirtualTimeTests", dependencies: ["VirtualTime"]),
        .testTarget(
            name: "ScenarioTests",
            dependencies: [
                "Scenario", "SCTPWire", "NetworkLayers", .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "TargetsTests",
            dependencies: ["Targets", "Transports", "SCTPWire", "VirtualTime", "NetworkLayers", "TransportTestSupport"]
        ),
        .testTarget(
            name: "RulesTests",
            dependencies: ["Rules", "CaptureCheck", "Reports", "SCTPWire", "Captures", "NetworkLayers", "VirtualTime"]
        ),
        .testTarget(
            name: "RunnerTests",
            dependencies: [
                "Runner", "Scenario", "Targets", "Reports", "SCTPWire", "Transports", "VirtualTime", "NetworkLayers",
                "Rules", "ProcessTestSupport", "Captures", "TransportTestSupport",
            ]
        ),
        .target(name: "ProcessTestSupport", path: "Tests/ProcessTestSupport"),
        .target(
            name: "TransportTestSupport", dependencies: ["NetworkLayers", "Transports", "VirtualTime"],
            path: "Tests/TransportTestSupport"
        ),
        .testTarget(
            name: "NetworkTests",
            dependencies: [
                "NetworkTransports", "Targets", "Transports", "Runner", "Scenario", "Reports", "NetworkLayers",
                "VirtualTime", "SCTPWire", "Captures", "ProcessTestSupport",
            ]
        ),
        .testTarget(
            name: "LinuxTests",
            dependencies: [
                "Targets", "Runner", "Scenario", "Rules", "NetworkLayers", "NetworkTransports", "VirtualTime",
                "ProcessTestSupport",
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "DifferentialTests", dependencies: ["SCTPWire", "NetworkLayers", "Captures", "ProcessTestSupport"]),
        .testTarget(
            name: "FuzzExecutionTests",
            dependencies: ["Fuzz", "Runner", "Scenario", "Targets", "SCTPWire", "NetworkLayers", "VirtualTime"]
        ),
        .testTarget(
            name: "FuzzTests",
            dependencies: [
                "Fuzz", "Runner", "Scenario", "SCTPWire", "Targets", "NetworkLayers", "VirtualTime", "Rules",
                "ProcessTestSupport",
            ]
        ),
        .testTarget(name: "CLITests", dependencies: ["SCTPWire", "NetworkLayers", "Captures", "ProcessTestSupport"]),
    ]
)
