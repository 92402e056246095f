import NetworkLayers
import Runner
import SCTPWire
import Scenario
import Targets
import VirtualTime

/// The executor that works for any target: for every input it resets the target (`Target.reset`, or a
/// new one from the descriptor when it cannot reset or died), replays the prefix through a
/// `HarnessSession` with the same seed (so the SUT is in the same state, byte for byte), runs the
/// input's steps, then probes liveness: an INIT from another harness port must be answered (by an
/// INIT ACK from a listener, by an ABORT otherwise: RFC 9260 §5.1, §8.4) within `probeWindow`.
public final class SessionFuzzExecutor: FuzzExecutor {
    public let descriptor: TargetDescriptor
    /// Makes the target; the descriptor's factory unless a caller (a test) gives its own.
    private let makeTarget: (TargetConfiguration) throws(TargetError) -> any Target
    private var target: (any Target)?
    private var prefix: Scenario?
    private var configuration: TargetConfiguration?
    private var seed: UInt64 = 0
    private var baseline: FuzzBaseline?
    /// How long the liveness probe waits for an answer, in virtual time.
    public var probeWindow = VirtualDuration.seconds(1)
    /// Whether to make the liveness probe at all.
    public var probes = true

    public init(
        descriptor: TargetDescriptor,
        makeTarget: ((TargetConfiguration) throws(TargetError) -> any Target)? = nil
    ) {
        self.descriptor = descriptor
        if let makeTarget {
            self.makeTarget = makeTarget
        } else {
            self.makeTarget = { (configuration) throws(TargetError) -> any Target in
                try descriptor.make(configuration, .zero)
            }
        }
    }

    public func prepare(prefix: Scenario?, seed: UInt64) throws(FuzzExecutionError) -> FuzzBaseline {
        let scenario = prefix ?? FuzzPrefix.listening
        self.prefix = scenario
        self.seed = seed
        self.configuration = TargetConfiguration(
            seed: seed, localPort: scenario.sutPort, peerPort: scenario.peerPort, sutAddress: scenario.sutAddresses[0],
            harnessAddress: scenario.peerAddresses[0])
        let session = try self.replayPrefix()
        let baseline = FuzzBaseline(
            exchange: session.packets, model: session.model, endpoints: session.endpoints, time: session.now)
        self.baseline = baseline
        return baseline
    }

    public func execute(_ batch: [FuzzInput]) throws(FuzzExecutionError) -> [FuzzOutcome] {
        var outcomes: [FuzzOutcome] = []
        outcomes.reserveCapacity(batch.count)
        for input in batch {
            outcomes.append(try self.execute(input))
        }
        return outcomes
    }

    public func shutdown() {
        self.target?.shutdown()
        self.target = nil
    }

    // MARK: One input

    private func execute(_ input: FuzzInput) throws(FuzzExecutionError) -> FuzzOutcome {
        let session = try self.replayPrefix()
        let first = session.packets.count
        _ = session.takeEvents()  // the prefix's: the outcome holds the events from the first step on
        var outcome = FuzzOutcome()
        var afterSteps: [Int] = []
        /// Marks the SUT's packets that came since the last mark as sent after `done` steps.
        func mark(_ done: Int) {
            let sent = session.packets[first...].reduce(0) { $0 + ($1.direction == .fromSUT ? 1 : 0) }
            afterSteps += Array(repeating: done, count: sent - afterSteps.count)
        }
        do {
            try session.collect()
            mark(0)
            for (index, step) in input.steps.enumerated() {
                defer { mark(index + 1) }
                switch step {
                case .packet(let bytes):
                    try session.send(bytes)
                    try session.collect()
                case .advance(let milliseconds):
                    try session.advance(to: session.now + .milliseconds(Int64(milliseconds)))
                case .action(let action):
                    outcome.actionResults.append(try session.perform(action))
                    try session.collect()
                }
            }
            outcome.packets = Self.fromSUT(session.packets[first...])
            outcome.afterSteps = afterSteps
            outcome.state = session.model.state.rawValue
            if self.probes {
                outcome.alive = try self.probe(session)
            }
        } catch {
            outcome.packets = Self.fromSUT(session.packets[first...])
            outcome.afterSteps = afterSteps.count == outcome.packets.count ? afterSteps : []
            outcome.failure = session.target.terminationError ?? .unresponsive(error.message)
        }
        outcome.events = session.takeEvents()
        if outcome.failure == nil {
            session.target.prepareReset()
        }
        return outcome
    }

    private static func fromSUT(_ packets: ArraySlice<ExchangedPacket>) -> [AddressedPacket] {
        packets.filter { $0.direction == .fromSUT }.map(\.packet)
    }

    /// Sends an INIT from a harness port no input uses and waits for any answer to that port.
    private func probe(_ session: HarnessSession) throws(HarnessError) -> Bool {
        let endpoints = session.endpoints
        let port = endpoints.harnessPort == .max ? endpoints.harnessPort - 1 : endpoints.harnessPort + 1
        let initiation = InitChunk(
            initiateTag: 0x1B0B_FEED, advertisedReceiverWindow: 106_496, outboundStreams: 1, inboundStreams: 1,
            initialTSN: 1)
        let packet = SCTPPacket(
            header: CommonHeader(sourcePort: port, destinationPort: endpoints.sutPort, verificationTag: 0),
            chunks: [.initiation(initiation)])
        let before = session.packets.count
        try session.send(packet)
        try session.advance(to: session.now + self.probeWindow)
        return session.packets[before...].contains { exchanged in
            exchanged.direction == .fromSUT && RawPacket(exchanged.packet.bytes).destinationPort == port
        }
    }

    // MARK: Targets

    /// A target in the state of a new one, then the prefix replayed on it; the open session.
    private func replayPrefix() throws(FuzzExecutionError) -> HarnessSession {
        guard let prefix = self.prefix, let configuration = self.configuration else {
            throw FuzzExecutionError("execute before prepare")
        }
        let target = try self.freshTarget(configuration)
        switch ScenarioPrefix.run(prefix, on: target, configuration: RunnerConfiguration(seed: self.seed)) {
        case .success(let session):
            return session
        case .failure(let failure):
            let why = target.terminationError.map { " (\($0.description))" } ?? ""
            throw FuzzExecutionError(
                "the prefix \(prefix.file) did not run on \(self.descriptor.name): \(failure)\(why)")
        }
    }

    private func freshTarget(_ configuration: TargetConfiguration) throws(FuzzExecutionError) -> any Target {
        if let target = self.target {
            if target.terminationError == nil {
                do {
                    try target.reset(configuration, start: .zero)
                    return target
                } catch {
                    // Not resettable here: a new one below.
                }
            }
            target.shutdown()
            self.target = nil
        }
        do {
            let target = try self.makeTarget(configuration)
            self.target = target
            return target
        } catch {
            throw FuzzExecutionError("cannot start target \(self.descriptor.name): \(error.description)")
        }
    }
}
