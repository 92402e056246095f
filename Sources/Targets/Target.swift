import NetworkLayers
import Transports
import VirtualTime

/// A system under test: an SCTP stack the harness talks to over a `Transport` and whose
/// application it drives (listen, connect, send, ...).
///
/// Every call takes the harness's virtual time. A hosted stack runs on that time only (its timers,
/// its clock reads), so a run is reproducible from its seed.
public protocol Target: AnyObject {
    /// The registry name (`usrsctp`, `linux`, ...).
    var name: String { get }
    /// What this target can do; scenarios needing more are SKIPped with the reason.
    var capabilities: Set<TargetCapability> { get }
    /// The wire to the stack.
    var transport: any Transport { get }
    /// Performs an application action on the stack at `time` and returns its immediate result.
    /// Packets the stack sends because of it are returned later by `transport.receiveNext(until:)`.
    func perform(_ action: ApplicationAction, at time: VirtualInstant) throws(TargetError) -> ActionResult
    /// Application events (notifications, received messages) that happened up to now, in order, each
    /// with the virtual instant the stack reported it at; drained. A hosted stack's transport stops
    /// `receiveNext(until:)` at the instant of an event as it does for a packet.
    func takeTimedEvents() -> [TimedApplicationEvent]
    /// Ends the stack (kills the helper process, removes namespaces). Idempotent.
    func shutdown()
    /// The failure that ended the stack (a crash, a hang), if any. Once set, every further call fails
    /// with it; the transport's `TransportError` then only repeats it. The runner reads this to turn a
    /// transport failure into a `.crashed` finding.
    var terminationError: TargetError? { get }
    /// Returns the stack to the state of a newly made target with `configuration`, its clock at
    /// `start`, without starting a new process where it can. Throws `.unsupported` when it cannot;
    /// the caller then makes a new target.
    func reset(_ configuration: TargetConfiguration, start: VirtualInstant) throws(TargetError)
    /// The run is over and the target will probably be reset next with the configuration and start
    /// of the run that ended: a target may start that reset now, without waiting for its outcome, so
    /// that it overlaps the caller's other work; `reset` with the same arguments then only collects
    /// the outcome (and `reset` with others does the whole reset). Never fails: a failure shows at
    /// the next `reset`.
    func prepareReset()
    /// For a target that runs in real time (an external stack, a remote peer): the slack added to
    /// every wall-clock deadline (`RealTimeClock.tolerance`), which timing verdicts name. Nil for a
    /// target on the harness's virtual clock.
    var realTimeTolerance: VirtualDuration? { get }
    /// For a target whose transport carries packets its own way whatever the scenario declares (a
    /// UDP-encapsulating network target, RFC 6951): that carriage, from the harness's side. The
    /// session stamps its packets with it, so pcaps and rules show what was on the wire. Nil when the
    /// scenario's carriage is the one used (a hosted stack stamps its packets with its mirror).
    var wireCarriage: SCTPCarriage? { get }
    /// For a target whose packets travel between addresses of its own whatever the scenario declares
    /// (a remote peer: its address, and the harness's address toward it): those two, which the session
    /// uses in place of the scenario's first harness and SUT addresses, so reports, pcaps and rules show
    /// the wire. Nil when the scenario's addresses are the ones used.
    var wireAddresses: (harness: IPAddress, sut: IPAddress)? { get }
}

extension Target {
    /// Targets that cannot die on their own (nothing hosted) never have a termination error.
    public var terminationError: TargetError? { nil }

    /// Targets on virtual time have no real-time tolerance.
    public var realTimeTolerance: VirtualDuration? { nil }

    /// Targets without a wire of their own carry packets as the scenario declares.
    public var wireCarriage: SCTPCarriage? { nil }

    /// Targets without addresses of their own use the scenario's.
    public var wireAddresses: (harness: IPAddress, sut: IPAddress)? { nil }

    /// Targets that do not start a reset ahead do nothing.
    public func prepareReset() {}

    /// Targets that cannot be reset in place: the caller makes a new one.
    public func reset(_ configuration: TargetConfiguration, start: VirtualInstant) throws(TargetError) {
        throw .unsupported("reset")
    }

    /// `takeTimedEvents()` without the instants; drains the same queue.
    public func takeEvents() -> [ApplicationEvent] {
        self.takeTimedEvents().map(\.event)
    }
}

/// How a target was set up for one scenario run.
public struct TargetConfiguration: Hashable, Sendable {
    /// Seed for the stack's randomness (tags, TSNs, cookie secrets).
    public var seed: UInt64
    /// The SCTP port the stack uses (server: listens on it; client: binds it).
    public var localPort: UInt16
    /// The harness's SCTP port.
    public var peerPort: UInt16
    /// The stack's IP address in the run (a target without addresses, such as usrsctp over AF_CONN,
    /// stamps the packets it sends with it).
    public var sutAddress: IPAddress
    /// The harness's (first) IP address in the run: where a target without addresses says its
    /// packets went.
    public var harnessAddress: IPAddress
    /// How the harness's packets reach the stack: in IP, or UDP-encapsulated (RFC 6951) with the UDP
    /// ports from the harness's side. A target whose own transport carries no encapsulation (usrsctp
    /// over AF_CONN) stamps its packets with the mirror of it (`SCTPCarriage.reversed`).
    public var carriage: SCTPCarriage

    public init(
        seed: UInt64, localPort: UInt16, peerPort: UInt16,
        sutAddress: IPAddress = TargetConfiguration.defaultSUTAddress,
        harnessAddress: IPAddress = TargetConfiguration.defaultHarnessAddress, carriage: SCTPCarriage = .ip
    ) {
        self.seed = seed
        self.localPort = localPort
        self.peerPort = peerPort
        self.sutAddress = sutAddress
        self.harnessAddress = harnessAddress
        self.carriage = carriage
    }

    /// The system under test's address unless a scenario says otherwise (`IPAddress.defaultSUT`).
    public static let defaultSUTAddress = IPAddress.defaultSUT
    /// The harness's address unless a scenario says otherwise (`IPAddress.defaultHarness`).
    public static let defaultHarnessAddress = IPAddress.defaultHarness
}

/// Something a scenario may need from a target.
public enum TargetCapability: String, Hashable, Sendable, CaseIterable {
    /// Runs on the harness's virtual clock (timers, cookie lifetime).
    case virtualTime = "virtual-time"
    /// Reproducible tags, TSNs and cookies from a seed.
    case deterministic
    /// Can act as a server (listen/accept).
    case server
    /// Can act as a client (connect).
    case client
    /// Socket options can be set (RTO, stream counts, cookie life).
    case socketOptions = "socket-options"
    /// Supports RFC 8260 I-DATA / stream interleaving.
    case interleaving
    /// Supports RFC 3758 partial reliability.
    case partialReliability = "partial-reliability"
    /// Supports RFC 4895 AUTH.
    case authentication
    /// Supports RFC 6525 stream reconfiguration.
    case streamReconfiguration = "stream-reconfiguration"
    /// Supports RFC 5061 ASCONF.
    case addressReconfiguration = "address-reconfiguration"
    /// The stack's application can be driven and observed (`app:` steps other than `listen`:
    /// connect, send, events); a black-box remote peer cannot.
    case application
}

/// An application action on the stack's socket API.
public enum ApplicationAction: Hashable, Sendable {
    /// Listen for associations on the configured local port.
    case listen
    /// Start an association to the harness (the stack sends INIT).
    case connect
    /// Send one message.
    case send(stream: UInt16, ppid: UInt32, payload: [UInt8], unordered: Bool)
    /// Graceful shutdown (RFC 9260 §9.2): the stack sends SHUTDOWN once its data is acknowledged.
    case shutdown
    /// Abort the association (RFC 9260 §9.1), optionally with a user abort reason.
    case abort(reason: [UInt8])
    /// Close the socket.
    case close
    /// Set a socket option before or during the association.
    case setOption(SocketOption)
}

/// Socket options a scenario may set (names follow RFC 6458 where they exist).
public enum SocketOption: Hashable, Sendable {
    /// RTO.Initial, RTO.Min, RTO.Max in milliseconds (RFC 9260 §16; SCTP_RTOINFO).
    case rtoInfo(initial: UInt32?, min: UInt32?, max: UInt32?)
    /// Outbound streams requested and max inbound streams offered in INIT/INIT ACK (SCTP_INITMSG),
    /// and Max.Init.Retransmits.
    case initMessage(outboundStreams: UInt16?, maxInboundStreams: UInt16?, maxAttempts: UInt16?)
    /// Valid.Cookie.Life in milliseconds (SCTP_ASSOCINFO).
    case cookieLife(milliseconds: UInt32)
    /// Association.Max.Retrans (SCTP_ASSOCINFO).
    case maxRetransmissions(UInt16)
    /// Heartbeat interval in milliseconds, 0 to disable (SCTP_PEER_ADDR_PARAMS).
    case heartbeatInterval(milliseconds: UInt32)
    /// Delayed SACK time in milliseconds, 0 to disable (SCTP_DELAYED_SACK).
    case delayedAck(milliseconds: UInt32)
    /// SCTP_NODELAY: Nagle off when true.
    case noDelay(Bool)
}

/// What an action returned right away.
public enum ActionResult: Hashable, Sendable {
    case ok
    /// The socket call failed, e.g. `EINVAL`.
    case failed(errno: Int32, message: String)
}

/// Something the stack's application saw.
public enum ApplicationEvent: Hashable, Sendable {
    /// SCTP_ASSOC_CHANGE (RFC 6458 §6.1.1): `COMM_UP`, `COMM_LOST`, `RESTART`, `SHUTDOWN_COMP`,
    /// `CANT_STR_ASSOC`, with the stream counts the stack negotiated.
    case associationChange(state: String, outboundStreams: UInt16, inboundStreams: UInt16)
    /// SCTP_SHUTDOWN_EVENT: the peer sent SHUTDOWN.
    case shutdownReceived
    /// A whole message was delivered to the application.
    case message(stream: UInt16, ppid: UInt32, payload: [UInt8], unordered: Bool)
    /// SCTP_SEND_FAILED_EVENT.
    case sendFailed(errorCode: UInt32)
    /// SCTP_REMOTE_ERROR: the peer sent an ERROR chunk with this cause code.
    case remoteError(causeCode: UInt16)
    /// Any other notification, by name.
    case notification(String)
}

/// Why a target could not be used or stopped working. A crash of a hosted stack is reported as
/// `.crashed`, which the runner turns into a finding, not a harness crash.
public enum TargetError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The target cannot run here (missing library, not root, ...): the hint says how to fix it.
    case unavailable(reason: String, hint: String)
    /// The stack process died (signal or exit status), with its last words on stderr.
    case crashed(description: String, stderr: String)
    /// The stack process was ended from outside by a signal it did not raise itself (SIGKILL,
    /// SIGTERM, ...: an operator, the OOM killer, a test): not a fault of the stack.
    case killed(description: String, stderr: String)
    /// The stack did not answer a command within the bounded wait.
    case unresponsive(String)
    /// The action is not supported by this target.
    case unsupported(String)
    /// Anything else that went wrong talking to the stack.
    case failed(String)

    public var description: String {
        switch self {
        case .unavailable(let reason, let hint): return "target unavailable: \(reason) (\(hint))"
        case .crashed(let description, let stderr):
            return "target crashed: \(description)" + (stderr.isEmpty ? "" : "\n\(stderr)")
        case .killed(let description, let stderr):
            return "target killed: \(description)" + (stderr.isEmpty ? "" : "\n\(stderr)")
        case .unresponsive(let text): return "target unresponsive: \(text)"
        case .unsupported(let text): return "not supported by this target: \(text)"
        case .failed(let text): return "target failure: \(text)"
        }
    }
}

/// An application event with the virtual instant the stack reported it at.
public struct TimedApplicationEvent: Hashable, Sendable {
    public var time: VirtualInstant
    public var event: ApplicationEvent

    public init(time: VirtualInstant, event: ApplicationEvent) {
        self.time = time
        self.event = event
    }
}
