import NetworkLayers
import Targets
import Transports
import TransportTestSupport
import VirtualTime

/// Starts a usrsctp target and drives the common exchanges, so each test reads as its scenario.
struct USRSCTPFixture {
    static let harnessTag: UInt32 = 0x1122_3344
    static let harnessTSN: UInt32 = 1_000

    let target: USRSCTPTarget

    init(seed: UInt64 = 1, options: USRSCTPTarget.Options = USRSCTPTarget.Options()) throws {
        self.target = try USRSCTPTarget(configuration: Self.configuration(seed: seed), options: options)
    }

    /// A fixture on a target that already exists (a reset one, say).
    init(target: USRSCTPTarget) {
        self.target = target
    }

    static func configuration(seed: UInt64) -> TargetConfiguration {
        TargetConfiguration(seed: seed, localPort: TestSCTP.stackPort, peerPort: TestSCTP.peerPort)
    }

    var transport: any Transport { self.target.transport }

    static func ms(_ value: UInt64) -> VirtualInstant { VirtualInstant(nanoseconds: value * 1_000_000) }

    /// The stack listens; the harness sends INIT at `at`; returns the INIT ACK packet.
    func sendInit(at time: VirtualInstant = Self.ms(1)) throws -> AddressedPacket? {
        guard try self.target.perform(.listen, at: .zero) == .ok else { throw FixtureError.unexpected("listen failed") }
        let initPacket = TestSCTP.packet(tag: 0, TestSCTP.initChunk(tag: Self.harnessTag, tsn: Self.harnessTSN))
        try self.transport.send(initPacket, at: time)
        return try self.transport.receive(until: time).first
    }

    /// Full passive handshake: INIT at 1 ms, COOKIE ECHO at 2 ms. Returns the stack's INIT ACK fields.
    func establish() throws -> TestSCTP.Initiation {
        guard let initAck = try self.sendInit(), let ackChunk = TestSCTP.chunks(initAck.bytes).first,
              ackChunk.type == 2
        else { throw FixtureError.unexpected("no INIT ACK") }
        let fields = TestSCTP.Initiation(ackChunk.body)
        guard let cookie = fields.stateCookie else { throw FixtureError.unexpected("INIT ACK without cookie") }
        try self.transport.send(TestSCTP.packet(tag: fields.tag, TestSCTP.chunk(10, cookie)), at: Self.ms(2))
        let replies = try self.transport.receive(until: Self.ms(2))
        guard replies.map({ TestSCTP.chunkTypes($0.bytes) }) == [[11]] else {
            throw FixtureError.unexpected("no COOKIE ACK")
        }
        return fields
    }

    enum FixtureError: Error {
        case unexpected(String)
    }
}

