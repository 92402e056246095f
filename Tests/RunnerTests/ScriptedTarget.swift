import NetworkLayers
import SCTPWire
import Targets
import Transports
import TransportTestSupport
import VirtualTime

/// A test double for `Target` and `Transport`: a scripted SUT that answers the harness's packets
/// with canned ones after given delays, and its application calls with canned results. Time is the
/// runner's virtual time only.
final class ScriptedTarget: Target, Transport {
    /// What the SUT does when the harness sends a packet: packets to send (each after a delay from
    /// the receipt), or a crash.
    struct Reaction {
        var packets: [(delay: VirtualDuration, bytes: [UInt8])] = []
        var crash: String?
    }

    let name = "scripted"
    let capabilities: Set<TargetCapability>
    var transport: any Transport { self }

    /// Called for every packet the harness sends.
    var onPacket: (SCTPPacket?, [UInt8], VirtualInstant) -> Reaction
    /// Called for every application action.
    var onAction:
        (ApplicationAction, VirtualInstant) -> (ActionResult, [(VirtualDuration, [UInt8])], [ApplicationEvent])

    private(set) var received: [AddressedPacket] = []
    private(set) var actions: [ApplicationAction] = []
    private(set) var isShutDown = false
    private(set) var receiveCalls = 0
    private var pending: [AddressedPacket] = []
    private var events: [TimedApplicationEvent] = []
    /// How far the runner has let the stack run.
    private var ranUntil = VirtualInstant.zero
    private var crash: TargetError?

    init(
        capabilities: Set<TargetCapability> = [.server, .client, .socketOptions, .virtualTime, .application],
        onPacket: @escaping (SCTPPacket?, [UInt8], VirtualInstant) -> Reaction = { _, _, _ in Reaction() },
        onAction:
            @escaping (ApplicationAction, VirtualInstant) -> (
                ActionResult, [(VirtualDuration, [UInt8])], [ApplicationEvent]
            ) = { _, _ in (.ok, [], []) }
    ) {
        self.capabilities = capabilities
        self.onPacket = onPacket
        self.onAction = onAction
    }

    var terminationError: TargetError? { self.crash }

    /// How many times the stack was reset.
    private(set) var resets = 0

    /// Forgets everything (packets, events, the crash) and starts over at `start`.
    func reset(_ configuration: TargetConfiguration, start: VirtualInstant) throws(TargetError) {
        self.resets += 1
        self.received.removeAll()
        self.actions.removeAll()
        self.pending.removeAll()
        self.events.removeAll()
        self.ranUntil = start
        self.crash = nil
    }

    /// Queues a packet the SUT sends by itself at `time` (a timer, a heartbeat).
    func schedule(_ bytes: [UInt8], at time: VirtualInstant) {
        self.pending.append(AddressedPacket(time: time, bytes: bytes))
    }

    /// Queues an application event the SUT reports at `time` (default: the start of the run).
    func queue(_ event: ApplicationEvent, at time: VirtualInstant = .zero) {
        self.events.append(TimedApplicationEvent(time: time, event: event))
    }

    /// Replies go back the way the packet came (from its destination to its source).
    func send(_ envelope: AddressedPacket) throws(TransportError) {
        if let crash { throw TransportError(crash.description) }
        let packet = envelope.bytes
        let time = envelope.time
        self.received.append(envelope)
        let reaction = self.onPacket(try? SCTPPacket(decoding: packet), packet, time)
        if let message = reaction.crash {
            self.crash = .crashed(description: message, stderr: "line one\nsegfault in sctp_input\n")
            throw TransportError("helper died")
        }
        for (delay, bytes) in reaction.packets {
            self.pending.append(
                AddressedPacket(
                    source: envelope.destination, destination: envelope.source, time: time + delay, bytes: bytes))
        }
    }

    /// Runs to the first instant with output (a pending packet, or an event after the instant the
    /// stack was last run to), at most to `deadline`, and returns the packets due then.
    func receiveNext(until deadline: VirtualInstant) throws(TransportError) -> ReceiveResult {
        if let crash { throw TransportError(crash.description) }
        self.receiveCalls += 1
        let candidates = self.pending.map(\.time) + self.events.map(\.time).filter { $0 > self.ranUntil }
        let stop = max(self.ranUntil, min(deadline, candidates.min() ?? deadline))
        self.ranUntil = stop
        let due = self.pending.enumerated().filter { $0.element.time <= stop }
            .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
        let dueOffsets = Set(due.map(\.offset))
        self.pending = self.pending.enumerated().filter { !dueOffsets.contains($0.offset) }.map(\.element)
        return ReceiveResult(time: stop, packets: due.map(\.element))
    }

    func perform(_ action: ApplicationAction, at time: VirtualInstant) throws(TargetError) -> ActionResult {
        if let crash { throw crash }
        self.actions.append(action)
        let (result, packets, events) = self.onAction(action, time)
        for (delay, bytes) in packets {
            self.pending.append(AddressedPacket(time: time + delay, bytes: bytes))
        }
        self.ranUntil = max(self.ranUntil, time)
        self.events += events.map { TimedApplicationEvent(time: time, event: $0) }
        return result
    }

    /// The events the stack has reported by the time it was last run to (`receiveNext(until:)`).
    func takeTimedEvents() -> [TimedApplicationEvent] {
        let due = self.events.filter { $0.time <= self.ranUntil }
        self.events.removeAll { $0.time <= self.ranUntil }
        return due
    }

    func shutdown() {
        self.isShutDown = true
    }
}

/// Builds the SUT's side of an exchange from what the harness sent.
enum ScriptedPeer {
    static let sutTag: UInt32 = 0x5151_5151
    static let sutTSN: UInt32 = 1000
    static let cookie: [UInt8] = [0xC0, 0x0C, 0x1E, 0x00, 0x01, 0x02, 0x03, 0x04]

    /// A packet from the SUT (port 5001) to the harness (port 5000).
    static func packet(
        tag: UInt32, _ chunks: [Chunk], sourcePort: UInt16 = 5001, destinationPort: UInt16 = 5000
    ) -> [UInt8] {
        SCTPPacket(
            header: CommonHeader(sourcePort: sourcePort, destinationPort: destinationPort, verificationTag: tag),
            chunks: chunks
        ).encoded()
    }

    static func initiateTag(of packet: SCTPPacket?) -> UInt32 {
        guard let packet else { return 0 }
        for chunk in packet.chunks {
            if case .initiation(let initiation) = chunk { return initiation.initiateTag }
        }
        return 0
    }

    static func initAck(answering packet: SCTPPacket?, outboundStreams: UInt16 = 10, tag: UInt32? = nil) -> [UInt8] {
        let peerTag = self.initiateTag(of: packet)
        let ack = InitAckChunk(
            initiateTag: self.sutTag, advertisedReceiverWindow: 131_072, outboundStreams: outboundStreams,
            inboundStreams: 10, initialTSN: self.sutTSN,
            parameters: [.stateCookie(StateCookieParameter(cookie: self.cookie))])
        return self.packet(tag: tag ?? peerTag, [.initiationAck(ack)])
    }

    static func simple(_ chunk: Chunk, tag: UInt32) -> [UInt8] {
        self.packet(tag: tag, [chunk])
    }

    /// A SUT that completes the handshake (remembering the harness's tag), acknowledges DATA and
    /// answers SHUTDOWN; `delay` before each answer.
    static func server(
        delay: VirtualDuration = .zero
    ) -> (SCTPPacket?, [UInt8], VirtualInstant) -> ScriptedTarget.Reaction {
        var harnessTag: UInt32 = 0
        return { packet, _, _ in
            guard let packet, let first = packet.chunks.first else { return .init() }
            switch first {
            case .initiation(let initiation):
                harnessTag = initiation.initiateTag
                return .init(packets: [(delay, self.initAck(answering: packet))])
            case .cookieEcho:
                return .init(packets: [(delay, self.simple(.cookieAck(CookieAckChunk()), tag: harnessTag))])
            case .data(let data):
                let sack = SACKChunk(cumulativeTSNAck: data.tsn, advertisedReceiverWindow: 131_072)
                return .init(packets: [(delay, self.simple(.sack(sack), tag: harnessTag))])
            case .shutdown:
                return .init(packets: [(delay, self.simple(.shutdownAck(ShutdownAckChunk()), tag: harnessTag))])
            case .heartbeat(let heartbeat):
                return .init(packets: [
                    (
                        delay,
                        self.simple(.heartbeatAck(HeartbeatAckChunk(parameters: heartbeat.parameters)), tag: harnessTag)
                    )
                ])
            default:
                return .init()
            }
        }
    }
}
