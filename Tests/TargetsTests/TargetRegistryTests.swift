import Targets
import Testing
import Transports
import TransportTestSupport
import VirtualTime

@Suite struct TargetRegistryTests {
    private let configuration = TargetConfiguration(seed: 1, localPort: 5000, peerPort: 5001)

    @Test func standardRegistryHasAnAvailableUsrsctp() throws {
        let registry = TargetRegistry.standard
        #expect(registry.names.first == "usrsctp")
        #expect(Array(registry.names.prefix(6)) == ["usrsctp", "usrsctp-raw", "usrsctp-udp", "remote", "linux", "linux-udp"])
        let descriptor = try #require(registry.descriptor(named: "usrsctp"))
        #expect(descriptor.capabilities.isSuperset(of: [.virtualTime, .deterministic, .server, .client]))
        #expect(descriptor.checkAvailability().isAvailable)
        let target = try registry.makeTarget(named: "usrsctp", configuration: self.configuration)
        defer { target.shutdown() }
        #expect(target.name == "usrsctp")
        #expect(try target.perform(.connect, at: .zero) == .ok)
    }

    @Test func unknownNameIsUnavailableWithTheKnownNames() {
        #expect(throws: TargetError.unavailable(
            reason: "no target named 'no-such-stack'",
            hint: "known targets: \(TargetRegistry.standard.names.joined(separator: ", ")) (see `sctpconform targets`)")
        ) {
            _ = try TargetRegistry.standard.makeTarget(named: "no-such-stack", configuration: self.configuration)
        }
    }

    @Test func unavailableTargetsAreNotStarted() {
        let missing = TargetDescriptor(
            name: "udp-peer", summary: "remote peer", capabilities: [.client],
            checkAvailability: { .unavailable(reason: "no --peer given", hint: "pass --peer HOST:PORT") },
            make: { (_, _) throws(TargetError) -> any Target in throw .failed("must not be called") })
        var registry = TargetRegistry.standard
        registry.register(missing)
        #expect(registry.names == TargetRegistry.standard.names + ["udp-peer"])
        #expect(throws: TargetError.unavailable(reason: "no --peer given", hint: "pass --peer HOST:PORT")) {
            _ = try registry.makeTarget(named: "udp-peer", configuration: self.configuration)
        }
        var replaced = missing
        replaced.summary = "replaced"
        registry.register(replaced)
        #expect(registry.descriptors.count == TargetRegistry.standard.names.count + 1)
        #expect(registry.descriptor(named: "udp-peer")?.summary == "replaced")
    }

    @Test func listingShowsStatusCapabilitiesAndHints() {
        let listing = TargetListing(entries: [
            .init(name: "usrsctp", summary: "hosted", capabilities: [.server, .virtualTime],
                  availability: .available(detail: "/lib/libusrsctp.a"), startCheck: .success(())),
            .init(name: "linux", summary: "kernel in QEMU", capabilities: [.client],
                  availability: .unavailable(reason: "qemu missing", hint: "apt-get install qemu-system-x86")),
            .init(name: "udp-peer", summary: "remote", capabilities: [],
                  availability: .available(detail: "x"), startCheck: .failure(.unresponsive("no answer"))),
        ])
        #expect(listing.render() == """
            usrsctp   available    hosted
              capabilities: virtual-time, server
              uses: /lib/libusrsctp.a
              start check: ok
            linux     unavailable  kernel in QEMU
              capabilities: client
              reason: qemu missing
              hint: apt-get install qemu-system-x86
            udp-peer  available    remote
              capabilities: \("")
              uses: x
              start check: FAILED: target unresponsive: no answer

            """)
        #expect(!listing.allChecksPassed)
    }

    @Test func aiortcIsListedAsUnavailableWithTheReason() {
        let descriptor = TargetRegistry.standard.descriptor(named: "aiortc")
        guard case .unavailable(let reason, let hint)? = descriptor?.checkAvailability() else {
            Issue.record("aiortc is not listed as unavailable")
            return
        }
        #expect(reason.contains("delivers DATA only to WebRTC data channels"))
        #expect(hint.contains("pion or usrsctp"))
        #expect(throws: TargetError.unavailable(reason: reason, hint: hint)) {
            _ = try TargetRegistry.standard.makeTarget(named: "aiortc", configuration: self.configuration)
        }
        let listing = TargetListing(registry: .standard, startEach: true).render()
        #expect(listing.contains("unavailable  aiortc 1.16") && listing.contains("\n  reason: aiortc delivers DATA"))
    }

    @Test func startCheckOfTheStandardRegistryPasses() {
        let listing = TargetListing(registry: .standard, startEach: true)
        #expect(listing.allChecksPassed)
        #expect(listing.render().contains("start check: ok"))
    }
}
