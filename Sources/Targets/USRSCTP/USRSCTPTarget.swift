import Foundation
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
        .partialReliability, .authentication, .streamReconfiguration, .application,
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
        /// Variables added to the helper process's environment (tests use it for the helper's
        /// test-only hooks, `SCTPCONFORM_TEST_CRASH_ON_CHUNK` and `SCTPCONFORM_TEST_HANG_ON_CHUNK`).
        public var helperEnvironment: [String: String]
        /// How far the stack's clock may go past its start (or last reset) in one run; a run that
        /// asks for more fails with a clear error instead of waiting on for virtual years.
        public var virtualTimeLimit: VirtualDuration

        public init(
            responseTimeoutMilliseconds: Int64 = 10_000,
            maximumAdvancePerCommand: VirtualDuration = .seconds(86_400),
            environment: [String: String]? = nil,
            helperEnvironment: [String: String] = [:],
            virtualTimeLimit: VirtualDuration = Options.defaultVirtualTimeLimit
        ) {
            self.responseTimeoutMilliseconds = responseTimeoutMilliseconds
            self.maximumAdvancePerCommand = maximumAdvancePerCommand
            self.environment = environment
            self.helperEnvironment = helperEnvironment
            self.virtualTimeLimit = virtualTimeLimit
        }

        /// Ten years of virtual time per run.
        public static let defaultVirtualTimeLimit = VirtualDuration.seconds(10 * 365 * 86_400)
    }

    public let name = "usrsctp"
    public private(set) var configuration: TargetConfiguration
    public var capabilities: Set<TargetCapability> { Self.supportedCapabilities }
    public var transport: any Transport { self.wire }

    let session: USRSCTPSession
    private let wire: USRSCTPTransport

    /// Builds (or reuses) the helper, starts it with the configuration's seed and ports, and sets the
    /// stack's clock to `start`. A cached helper that does not start (a damaged file) is rebuilt once.
    public init(
        configuration: TargetConfiguration, start: VirtualInstant = .zero, options: Options = Options()
    ) throws(TargetError) {
        let environment = options.environment ?? ProcessInfo.processInfo.environment
        self.configuration = configuration
        let executable = try USRSCTPHelperBuilder.helperExecutable(environment: environment)
        do {
            self.session = try Self.startSession(
                executable: executable, configuration: configuration, start: start, options: options)
        } catch {
            guard case .failed = error else { throw error }
            // The cached helper would not start or answer: discard it, build it again, try once more.
            USRSCTPHelperBuilder.discard(executable)
            self.session = try Self.startSession(
                executable: try USRSCTPHelperBuilder.helperExecutable(environment: environment),
                configuration: configuration, start: start, options: options)
        }
        self.wire = USRSCTPTransport(session: self.session)
    }

    /// Starts a helper process and initializes its stack; any failure to do so is `.failed`.
    private static func startSession(
        executable: String, configuration: TargetConfiguration, start: VirtualInstant, options: Options
    ) throws(TargetError) -> USRSCTPSession {
        var helperEnvironment: [String: String]?
        if !options.helperEnvironment.isEmpty {
            helperEnvironment = ProcessInfo.processInfo.environment.merging(options.helperEnvironment) { $1 }
        }
        let helper = try HelperProcess(
            name: "usrsctp helper", executable: executable, environment: helperEnvironment,
            responseTimeoutMilliseconds: max(100, options.responseTimeoutMilliseconds))
        let session = USRSCTPSession(
            helper: helper, start: start, maximumAdvancePerCommand: options.maximumAdvancePerCommand,
            virtualTimeLimit: options.virtualTimeLimit, outputSource: configuration.sutAddress,
            outputDestination: configuration.harnessAddress, outputCarriage: configuration.carriage.reversed)
        let result: (errno: Int32, message: String)
        do {
            result = try session.run(.initialize(
                seed: configuration.seed, start: start,
                localPort: configuration.localPort, peerPort: configuration.peerPort))
        } catch {
            helper.stop(farewell: nil)
            throw .failed("the usrsctp helper \(executable) did not start: \(error.description)")
        }
        if result.errno != 0 {
            helper.stop(farewell: nil)
            throw .failed("usrsctp helper could not set up its socket: \(result.message) (errno \(result.errno))")
        }
        return session
    }

    /// Returns the stack to a new one's state in the same helper process (`RESET`: the socket is
    /// closed, the stack's timers run out, the generator reseeded): the same seed then gives the same
    /// bytes as a new helper. A helper that failed, or could not empty its stack, is `.unsupported`:
    /// the caller makes a new target. A reset `prepareReset` started with the same arguments is not
    /// sent again: its result is read.
    public func reset(_ configuration: TargetConfiguration, start: VirtualInstant) throws(TargetError) {
        if let failure = self.terminationError {
            throw .unsupported("reset of a failed helper (\(failure.description))")
        }
        let command = USRSCTPHelperProtocol.Command.reset(
            seed: configuration.seed, start: start, localPort: configuration.localPort,
            peerPort: configuration.peerPort)
        var prepared: (errno: Int32, message: String)?
        if !self.session.posted.isEmpty {
            // A reset started by `prepareReset`: its outcome is this reset's when it had these arguments.
            let outcome = try self.session.collectPosted()
            if outcome.command == command { prepared = (outcome.errno, outcome.message) }
        }
        let result: (errno: Int32, message: String)
        if let prepared {
            result = prepared
        } else {
            result = try self.session.run(command)
        }
        self.session.restart(
            at: start, outputSource: configuration.sutAddress, outputDestination: configuration.harnessAddress,
            outputCarriage: configuration.carriage.reversed)
        if result.errno != 0 {
            throw .unsupported("usrsctp helper could not reset: \(result.message) (errno \(result.errno))")
        }
        self.configuration = configuration
    }

    /// Sends `RESET` with the configuration and start of the run that ended, without waiting: the
    /// helper empties its stack while the harness finishes its run; the next `reset` reads the result.
    /// A helper that failed is left alone (the pool does not keep it).
    public func prepareReset() {
        guard self.terminationError == nil, self.session.posted.isEmpty else { return }
        // A failure to send is recorded by the helper and reported by the next `reset`.
        try? self.session.post(.reset(
            seed: self.configuration.seed, start: self.session.startTime, localPort: self.configuration.localPort,
            peerPort: self.configuration.peerPort))
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
