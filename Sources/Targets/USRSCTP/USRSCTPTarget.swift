import Transports
import VirtualTime

/// usrsctp (Debian's libusrsctp.a, FreeBSD's SCTP stack in user space) hosted on the harness's
/// virtual time: the default system under test.
///
/// Each target runs its own helper process (`sctpconform-usrsctp`, compiled on demand by
/// `USRSCTPHelperBuilder`) in which usrsctp uses AF_CONN: no sockets, no threads, packets in and out
/// through the `transport`. The stack's clock and randomness are the harness's: its timers fire only
/// as virtual time advances, and one seed reproduces every tag, TSN, cookie and timing byte for byte.
///
/// The stack's application is one one-to-many (SOCK_SEQPACKET) socket bound to
/// `configuration.localPort`; the harness is the peer at `configuration.peerPort`. `listen` makes it
/// accept associations, `connect` starts one, `send`/`shutdown`/`abort` act on the association with
/// the harness (found by its address), and socket options apply both to future associations and to
/// the current one. Timer granularity is usrsctp's tick: 1 ms (hz = 1000).
public final class USRSCTPTarget: Target {
    /// What usrsctp 0.9.5 offers here (RFC 3758 PR-SCTP, RFC 4895 AUTH, RFC 6525 RE-CONFIG are on by
    /// default; I-DATA is off, and ASCONF has no IP addresses to work with over AF_CONN).
    public static let supportedCapabilities: Set<TargetCapability> = [
        .virtualTime, .deterministic, .server, .client, .socketOptions,
        .partialReliability, .authentication, .streamReconfiguration,
    ]

    /// Tuning of the helper process (not of the stack).
    public struct Options: Sendable {
        /// Real-time liveness guard: how long one exchange with the helper may take before the
        /// helper counts as hung and is killed (`TargetError.unresponsive`).
        public var responseTimeoutMilliseconds: Int64
        /// Longest stretch of virtual time one command covers; longer waits are split so every
        /// command stays short in real time.
        public var maximumAdvancePerCommand: VirtualDuration
        /// Environment used to locate compiler, library and cache (see `USRSCTPHelperBuilder`).
        public var environment: [String: String]?

        public init(
            responseTimeoutMilliseconds: Int64 = 10_000,
            maximumAdvancePerCommand: VirtualDuration = .seconds(600),
            environment: [String: String]? = nil
        ) {
            self.responseTimeoutMilliseconds = responseTimeoutMilliseconds
            self.maximumAdvancePerCommand = maximumAdvancePerCommand
            self.environment = environment
        }
    }

    public let name = "usrsctp"
    public let configuration: TargetConfiguration
    public var capabilities: Set<TargetCapability> { Self.supportedCapabilities }
    public var transport: any Transport { self.wire }

    private let session: USRSCTPSession
    private let wire: USRSCTPTransport

    /// Builds (or reuses) the helper, starts it with the configuration's seed and ports, and sets the
    /// stack's clock to `start`.
    public init(
        configuration: TargetConfiguration, start: VirtualInstant = .zero, options: Options = Options()
    ) throws(TargetError) {
        let executable: String
        if let environment = options.environment {
            executable = try USRSCTPHelperBuilder.helperExecutable(environment: environment)
        } else {
            executable = try USRSCTPHelperBuilder.helperExecutable()
        }
        let helper = try HelperProcess(
            name: "usrsctp helper", executable: executable,
            responseTimeoutMilliseconds: max(100, options.responseTimeoutMilliseconds))
        self.configuration = configuration
        self.session = USRSCTPSession(
            helper: helper, start: start, maximumAdvancePerCommand: options.maximumAdvancePerCommand,
            outputSource: configuration.sutAddress, outputDestination: configuration.harnessAddress)
        self.wire = USRSCTPTransport(session: self.session)
        let result = try self.session.run(.initialize(
            seed: configuration.seed, start: start,
            localPort: configuration.localPort, peerPort: configuration.peerPort))
        if result.errno != 0 {
            helper.stop(farewell: nil)
            throw .failed("usrsctp helper could not set up its socket: \(result.message) (errno \(result.errno))")
        }
    }

    deinit {
        self.session.helper.stop(farewell: USRSCTPHelperProtocol.Command.quit.encoded())
    }

    /// The helper's process id (for diagnostics, and for tests that kill it).
    public var processIdentifier: Int32 { self.session.helper.processIdentifier }

    /// The stack's current virtual instant.
    public var now: VirtualInstant { self.session.helperTime }

    public var terminationError: TargetError? { self.session.helper.failure }

    /// Runs the stack's timers up to `time`, then performs `action`. A failing socket call is an
    /// `ActionResult.failed` (with usrsctp's errno), not a thrown error; thrown errors mean the
    /// helper itself failed.
    public func perform(_ action: ApplicationAction, at time: VirtualInstant) throws(TargetError) -> ActionResult {
        let result = try self.session.run(.action(at: time, action), at: time)
        if result.errno == 0 { return .ok }
        return .failed(errno: result.errno, message: result.message)
    }

    public func takeTimedEvents() -> [TimedApplicationEvent] {
        self.session.takeEvents()
    }

    public func shutdown() {
        self.session.helper.stop(farewell: USRSCTPHelperProtocol.Command.quit.encoded())
    }
}
