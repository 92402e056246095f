import Foundation
import NetworkLayers
import NetworkTransports
import Transports
import VirtualTime

/// A system under test that runs outside the harness — usrsctp over raw IP or UDP, pion/sctp,
/// aiortc, the Linux kernel — driven by an agent (`AgentChannel`, docs/agent-protocol.md) for its
/// application and reached over the network (`NetworkTransport`) for its packets, in real time
/// (`RealTimeClock`: waits sleep, deadlines get the tolerance).
///
/// The target configures the agent (`configure`: the SUT's address and port, the harness's, the UDP
/// encapsulation ports), maps each `ApplicationAction` to its command, and stamps each event with the
/// virtual instant its arrival maps to (never later than the transport has reported; an event also
/// wakes a waiting `receiveNext`). `reset` sends the protocol's `reset` and configures again; a run
/// with other addresses than the ones the target was made for is `.unsupported` (a new target is
/// made). `shutdown` ends the agent, closes the sockets and calls `Setup.cleanUp` (namespaces).
public final class AgentTarget: Target {
    /// Everything that differs between agent targets.
    public struct Setup: Sendable {
        /// The registry name.
        public var name: String
        public var capabilities: Set<TargetCapability>
        /// The agent program and its arguments.
        public var executable: String
        public var arguments: [String]
        public var environment: [String: String]?
        /// How packets travel. For `.udp(localPort:remotePort:)` the harness's UDP port is `localPort`
        /// and the agent's `remotePort` (`configure udp-port=remotePort peer-udp-port=localPort`).
        public var carriage: NetworkCarriage
        /// The namespace the harness's sockets are opened in (nil: the harness's own).
        public var harnessNamespacePath: String?
        public var tolerance: VirtualDuration
        /// Longest wait for one agent reply.
        public var replyTimeoutMilliseconds: Int64
        /// Longest wait for the answer to the first command (`hello`), if longer: an agent in a VM
        /// answers once the VM has booted.
        public var firstReplyTimeoutMilliseconds: Int64?
        /// Called once when the target shuts down, after the agent and sockets (removes namespaces).
        public var cleanUp: (@Sendable () -> Void)?

        public init(
            name: String, capabilities: Set<TargetCapability>, executable: String, arguments: [String] = [],
            environment: [String: String]? = nil, carriage: NetworkCarriage, harnessNamespacePath: String? = nil,
            tolerance: VirtualDuration = RealTimeClock.defaultTolerance, replyTimeoutMilliseconds: Int64 = 10_000,
            firstReplyTimeoutMilliseconds: Int64? = nil, cleanUp: (@Sendable () -> Void)? = nil
        ) {
            self.name = name
            self.capabilities = capabilities
            self.executable = executable
            self.arguments = arguments
            self.environment = environment
            self.carriage = carriage
            self.harnessNamespacePath = harnessNamespacePath
            self.tolerance = tolerance
            self.replyTimeoutMilliseconds = replyTimeoutMilliseconds
            self.firstReplyTimeoutMilliseconds = firstReplyTimeoutMilliseconds
            self.cleanUp = cleanUp
        }
    }

    public let setup: Setup
    public var name: String { self.setup.name }
    public var capabilities: Set<TargetCapability> { self.setup.capabilities }
    public var transport: any Transport { self.network }
    public private(set) var configuration: TargetConfiguration
    /// The agent's `hello` answer (`<agent> <version> <stack>`).
    public private(set) var agentIdentity: [String] = []

    public let network: NetworkTransport
    public let channel: AgentChannel
    private let events = EventInbox()
    private let lock = NSLock()
    private var isShutDown = false

    /// Starts the agent, greets and configures it, and opens the harness's sockets.
    public init(setup: Setup, configuration: TargetConfiguration, start: VirtualInstant = .zero) throws(TargetError) {
        self.setup = setup
        self.configuration = configuration
        let clock = RealTimeClock(tolerance: setup.tolerance, start: start)
        do {
            self.network = try NetworkTransport(
                carriage: setup.carriage, endpoints: Self.endpoints(configuration), clock: clock, start: start,
                namespacePath: setup.harnessNamespacePath)
        } catch {
            setup.cleanUp?()
            throw .unavailable(reason: error.description, hint: "raw sockets need root; UDP needs a free port")
        }
        let inbox = self.events
        let arrivals = self.network.arrivals
        do {
            self.channel = try AgentChannel(
                name: "\(setup.name) agent", executable: setup.executable, arguments: setup.arguments,
                environment: setup.environment, replyTimeoutMilliseconds: setup.replyTimeoutMilliseconds
            ) { event, wall in
                inbox.append(event, wall: wall)
                arrivals.post(.wake(wall: wall))
            }
        } catch {
            self.network.close()
            setup.cleanUp?()
            throw error
        }
        do throws(TargetError) {
            let hello = try self.expectOK("hello", timeoutMilliseconds: setup.firstReplyTimeoutMilliseconds)
            guard hello.count >= 2, hello[1] == "\(AgentProtocol.version)" else {
                throw TargetError.failed("\(setup.name) agent speaks protocol \(hello.dropFirst().first ?? "?"), "
                    + "not \(AgentProtocol.version)")
            }
            self.agentIdentity = hello
            _ = try self.expectOK(self.configureLine(configuration))
            // `start` is now, not when the agent was started: an agent in a VM takes its boot to answer.
            self.network.clock.restart(at: start)
        } catch {
            self.shutdown()
            throw error
        }
    }

    deinit {
        self.shutdown()
    }

    public var terminationError: TargetError? { self.channel.failure }

    public var realTimeTolerance: VirtualDuration? { self.network.clock.tolerance }

    public var wireCarriage: SCTPCarriage? { self.network.wireCarriage }

    /// What the report prints about timing: `real time, tolerance 200ms`.
    public var timing: String { self.network.clock.summary }

    public func perform(_ action: ApplicationAction, at time: VirtualInstant) throws(TargetError) -> ActionResult {
        let wait = self.network.clock.wall(at: time) - RealTimeClock.wallNanoseconds()
        if wait > 0 { usleep(useconds_t(min(wait, 60_000_000_000) / 1_000)) }
        switch try self.channel.command(AgentProtocol.command(for: action)) {
        case .ok: return .ok
        case .error(let code, let message): return .failed(errno: code, message: message)
        }
    }

    public func takeTimedEvents() -> [TimedApplicationEvent] {
        let limit = self.network.currentInstant
        return self.events.take(notAfter: self.network.clock.wall(at: limit) + self.network.clock.tolerance.nanoseconds)
            .map { event, wall in
                TimedApplicationEvent(time: min(self.network.clock.instant(atWall: wall), limit), event: event)
            }
    }

    /// `reset`, then `configure` for the next run; the mapping of the clock restarts at `start`.
    public func reset(_ configuration: TargetConfiguration, start: VirtualInstant) throws(TargetError) {
        if let failure = self.terminationError { throw .unsupported("reset of a failed agent (\(failure))") }
        guard configuration.sutAddress == self.configuration.sutAddress,
            configuration.harnessAddress == self.configuration.harnessAddress
        else { throw .unsupported("reset to other addresses") }
        switch try self.channel.command("reset") {
        case .ok: break
        case .error(let code, let message): throw .unsupported("the agent could not reset: \(message) (errno \(code))")
        }
        _ = try self.expectOK(self.configureLine(configuration))
        // What the old association's end put on the wire (the ABORT of SO_LINGER 0) is still in flight:
        // let it land, then forget it, so the next run does not see it.
        usleep(Self.settleMicroseconds)
        self.configuration = configuration
        self.events.removeAll()
        self.network.restart(endpoints: Self.endpoints(configuration), at: start)
    }

    public func shutdown() {
        let first = self.lock.withLock { () -> Bool in
            defer { self.isShutDown = true }
            return !self.isShutDown
        }
        guard first else { return }
        self.channel.stop()
        self.network.close()
        self.setup.cleanUp?()
    }

    /// How long a reset lets the previous run's last packets land before they are discarded (100 ms).
    static let settleMicroseconds: useconds_t = 100_000

    // MARK: - Internals

    private func expectOK(_ line: String, timeoutMilliseconds: Int64? = nil) throws(TargetError) -> [String] {
        switch try self.channel.command(line, timeoutMilliseconds: timeoutMilliseconds) {
        case .ok(let fields): return fields
        case .error(let code, let message):
            throw .failed("\(self.setup.name) agent refused '\(line)': \(message) (errno \(code))")
        }
    }

    private func configureLine(_ configuration: TargetConfiguration) -> String {
        var udpPort: UInt16 = 0
        var peerUDPPort: UInt16 = 0
        if case .udp(let local, let remote) = self.setup.carriage {
            udpPort = remote
            peerUDPPort = local
        }
        return AgentProtocol.configure(
            localPort: configuration.localPort, peerPort: configuration.peerPort,
            localAddresses: [configuration.sutAddress.description],
            peerAddress: configuration.harnessAddress.description, udpPort: udpPort, peerUDPPort: peerUDPPort)
    }

    static func endpoints(_ configuration: TargetConfiguration) -> NetworkEndpoints {
        NetworkEndpoints(
            localAddresses: [configuration.harnessAddress], remoteAddresses: [configuration.sutAddress],
            localPort: configuration.peerPort, remotePort: configuration.localPort)
    }
}

/// Events from the agent's reader thread, with their wall-clock arrival.
private final class EventInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [(ApplicationEvent, Int64)] = []

    func append(_ event: ApplicationEvent, wall: Int64) {
        self.lock.withLock { self.events.append((event, wall)) }
    }

    /// The events that arrived by the wall instant `limit`, in order; drained.
    func take(notAfter limit: Int64) -> [(ApplicationEvent, Int64)] {
        self.lock.withLock {
            let count = self.events.prefix { $0.1 <= limit }.count
            defer { self.events.removeFirst(count) }
            return Array(self.events.prefix(count))
        }
    }

    func removeAll() {
        self.lock.withLock { self.events.removeAll() }
    }
}
