import NetworkLayers
import Rules
import SCTPWire
import Targets
import Transports
import VirtualTime

/// The open harness: one target driven packet by packet on virtual time, the API the scenario
/// interpreter (`ScenarioExecution`) is built on and that a fuzzer or a suite can use directly.
///
/// A session sends raw or typed packets from a harness address to a SUT address, lets the target run
/// until an instant (taking every packet it sends, at its own instant, decoded once), advances the
/// clock, performs application actions, hands out the application events, and resets the target to a
/// fresh stack for the next run. Every packet, both ways, is numbered, recorded for the pcap (with its
/// real addresses), fed to the association model and judged by the live checkers.
///
/// Time is event-driven: the session's own timed events sit on `scheduler`; the target always runs to
/// the earlier of the next such event and its own next output (`Transport.receiveNext(until:)`).
///
/// Not thread-safe: one session is driven from one task. Its state has no dynamic exclusivity checks
/// (`@exclusivity(unchecked)`; a run touches it thousands of times): no method holds an access to a
/// field across a call that could reach the session again (checkers and the target are called with
/// values, and their results are stored after they return).
public final class HarnessSession {
    public let target: any Target
    /// Records the exchange for the pcap (outermost, so it sees what the harness sees).
    public let capture: CapturingTransport
    let transport: any Transport
    public private(set) var endpoints: SessionEndpoints
    private let makeCheckers: () -> [any LiveChecker]
    @exclusivity(unchecked) private var checkers: [any LiveChecker]
    /// The rules' association tracker, the one model of the association the session keeps: the rule
    /// checker among `checkers` when there is one, else one of its own that judges nothing
    /// (`run --no-rules`); `model` learns what the SUT said from it.
    @exclusivity(unchecked) private var tracker: RulesLiveChecker
    /// Whether `tracker` is the session's own (fed beside the checkers, its findings dropped).
    @exclusivity(unchecked) private var tracksApart: Bool
    /// The harness's clock and its timed events.
    @exclusivity(unchecked) private(set) var scheduler: EventScheduler
    /// How far the target has run (it only moves forward).
    public var now: VirtualInstant { self.scheduler.now }
    /// What the harness knows of the association: tags, TSNs, what to send next.
    @exclusivity(unchecked) public internal(set) var model: AssociationModel
    /// Whether the model changed since the interpreter last copied its variables.
    @exclusivity(unchecked) var modelChanged = true
    /// Every packet of the run, both directions, in order (number n at index n - 1).
    @exclusivity(unchecked) public internal(set) var packets: [ExchangedPacket] = []
    /// What the checkers (and the session) found so far.
    @exclusivity(unchecked) public internal(set) var findings: [ScenarioFinding] = []
    /// Packets from the SUT not taken yet, in arrival order.
    @exclusivity(unchecked) var inbox: [DecodedPacket] = []
    /// Application events not taken yet.
    @exclusivity(unchecked) var events: [(time: VirtualInstant, event: ApplicationEvent)] = []
    /// How many application events the target reported so far.
    @exclusivity(unchecked) private(set) var recordedEvents = 0
    /// Looks at the wire in a row that neither moved time nor brought anything (see `stallLimit`).
    @exclusivity(unchecked) private var stalledLooks = 0
    /// More stalled looks than this and the target counts as stuck: every wait is bounded.
    static let stallLimit = 10_000
    /// Bytes for default cookies, heartbeat info (seeded).
    let filler: [UInt8]
    private var seed: UInt64

    /// A session on `target` (made with the same endpoints and seed), its clock at `start`.
    /// - Parameters:
    ///   - seed: seeds the harness's own tags, TSNs and filler bytes.
    ///   - checkers: makes the live checkers of one run (again after each `reset`).
    ///   - decorate: wraps the target's transport (fault injection), inside the capture.
    public init(
        target: any Target, endpoints: SessionEndpoints, seed: UInt64, start: VirtualInstant = .zero,
        checkers: @escaping () -> [any LiveChecker] = { [] }, decorate: (any Transport) -> any Transport = { $0 }
    ) {
        self.target = target
        self.capture = CapturingTransport(wrapping: decorate(target.transport))
        self.transport = self.capture
        self.endpoints = endpoints
        self.makeCheckers = checkers
        self.checkers = checkers()
        (self.tracker, self.tracksApart) = Self.tracker(among: self.checkers)
        self.scheduler = EventScheduler(start: start)
        self.seed = seed
        (self.model, self.filler) = Self.harnessState(seed: seed, endpoints: endpoints)
    }

    /// The rule checker among `checkers`, or a tracker of the session's own.
    private static func tracker(among checkers: [any LiveChecker]) -> (RulesLiveChecker, apart: Bool) {
        if let rules = checkers.lazy.compactMap({ $0 as? RulesLiveChecker }).first { return (rules, false) }
        return (RulesLiveChecker(), true)
    }

    /// The harness's initiate tag and initial TSN, and filler bytes, from the seed.
    private static func harnessState(
        seed: UInt64, endpoints: SessionEndpoints
    ) -> (AssociationModel, [UInt8]) {
        var generator = SplitMix64(seed: seed ^ 0x5C7C_0F0E_4A55_1E55)
        var tag = UInt32(truncatingIfNeeded: generator.next())
        if tag == 0 { tag = 1 }
        let tsn = UInt32(truncatingIfNeeded: generator.next())
        let filler = (0..<4).flatMap { _ in withUnsafeBytes(of: generator.next().bigEndian) { Array($0) } }
        let model = AssociationModel(
            ourPort: endpoints.harnessPort, peerPort: endpoints.sutPort, ourTag: tag, ourInitialTSN: tsn)
        return (model, filler)
    }

    // MARK: Sending

    /// Sends SCTP bytes (common header onward) at `now`, from `from` (a harness address, default the
    /// first) to `to` (a SUT address, default the first). Returns the packet's number. The packet is
    /// recorded and judged before the send is over, so a packet the SUT dies of is in the report.
    @discardableResult
    public func send(_ bytes: [UInt8], from: IPAddress? = nil, to: IPAddress? = nil) throws(HarnessError) -> Int {
        try self.send(bytes, from: from, to: to, disposition: .sent(step: 0))
    }

    /// Encodes `packet` (checksum computed) and sends it as `send(_:from:to:)` does.
    @discardableResult
    public func send(_ packet: SCTPPacket, from: IPAddress? = nil, to: IPAddress? = nil) throws(HarnessError) -> Int {
        try self.send(packet.encoded(), from: from, to: to, disposition: .sent(step: 0))
    }

    func send(
        _ bytes: [UInt8], from: IPAddress?, to: IPAddress?, disposition: ExchangedPacket.Disposition
    ) throws(HarnessError) -> Int {
        let envelope = AddressedPacket(
            source: from ?? self.endpoints.harnessAddresses[0], destination: to ?? self.endpoints.sutAddresses[0],
            carriage: self.endpoints.carriage, time: self.now, bytes: bytes)
        let number = self.packets.count + 1
        self.packets.append(ExchangedPacket(number: number, direction: .toSUT, packet: envelope, disposition: disposition))
        // The packet goes out first; it is decoded and judged while the target takes it, and the send
        // is finished (a crash on it attributed to it) before anything else happens.
        var failure: TransportError?
        do {
            try self.transport.beginSend(envelope)
        } catch {
            failure = error
        }
        let decoded = DecodedPacket(number: number, direction: .toSUT, envelope: envelope)
        self.check(ObservedPacket(decoded))
        if failure == nil {
            do {
                try self.transport.finishSend()
            } catch {
                failure = error
            }
        }
        if let failure {
            throw self.targetFailure(failure.description, packet: number)
        }
        let tag = decoded.sctp.header?.verificationTag ?? 0
        self.model.observeSent(tag: tag, chunks: decoded.typedChunks)
        self.learnFromTracker()
        return number
    }

    // MARK: Receiving and time

    /// Lets the target run until `deadline` and returns every packet it sent that no one has taken,
    /// in order, each decoded and stamped with its instant.
    public func receive(until deadline: VirtualInstant) throws(HarnessError) -> [DecodedPacket] {
        try self.advance(to: deadline)
        return self.takePackets()
    }

    /// The packets from the SUT no one has taken yet, in arrival order; drained.
    public func takePackets() -> [DecodedPacket] {
        defer { self.inbox.removeAll() }
        return self.inbox
    }

    /// The application events the target reported that no one has taken yet, in order; drained.
    public func takeEvents() -> [TimedApplicationEvent] {
        defer { self.events.removeAll() }
        return self.events.map { TimedApplicationEvent(time: $0.time, event: $0.event) }
    }

    /// Runs to `deadline`, taking every packet and event on the way at its own instant (they wait
    /// in the session until taken). Returns whether anything (a packet or an event) came.
    @discardableResult
    public func advance(to deadline: VirtualInstant) throws(HarnessError) -> Bool {
        let packetsBefore = self.packets.count
        let eventsBefore = self.recordedEvents
        let end = HarnessTimer(at: deadline, on: self.scheduler)
        defer { end.cancel(on: self.scheduler) }
        try self.collect()
        while !end.fired {
            try self.advanceToNextEvent()
        }
        return self.packets.count > packetsBefore || self.recordedEvents > eventsBefore
    }

    /// Takes what the target produced at the current instant (replies to a send or an action),
    /// without moving time.
    public func collect() throws(HarnessError) {
        try self.advanceToNextEvent(notAfter: self.now)
    }

    /// Lets the target run to the next instant anything happens: the earliest of the next harness
    /// event and the SUT's next output, and never past `limit`. Runs the harness events due by then
    /// (in insertion order) and takes what the target sent and what its application saw.
    func advanceToNextEvent(notAfter limit: VirtualInstant? = nil) throws(HarnessError) {
        var horizon = self.scheduler.nextDeadline
        if let limit {
            let bounded = max(limit, self.now)
            horizon = min(horizon ?? bounded, bounded)
        }
        guard let horizon else {
            throw HarnessError("internal: the runner waited with no harness event scheduled")
        }
        let result: ReceiveResult
        do {
            result = try self.transport.receiveNext(until: horizon)
        } catch {
            throw self.targetFailure(error.description)
        }
        let before = self.now
        let ranEvents: Int
        do {
            ranEvents = try self.scheduler.advance(to: min(max(result.time, self.now), horizon))
        } catch {
            throw HarnessError("harness clock: \(error.description)")
        }
        for packet in result.packets {
            self.ingest(packet)
        }
        let events = self.target.takeTimedEvents()
        self.record(events)
        if self.now == before && ranEvents == 0 && result.packets.isEmpty && events.isEmpty && limit == nil {
            self.stalledLooks += 1
            if self.stalledLooks > Self.stallLimit {
                throw HarnessError("target made no progress at \(self.now) in \(Self.stallLimit) looks at the wire")
            }
        } else {
            self.stalledLooks = 0
        }
        if let failure = self.target.terminationError {
            throw self.targetFailure(failure.description)
        }
    }

    // MARK: Application

    /// Performs an application action on the target at `now`.
    public func perform(_ action: ApplicationAction) throws(HarnessError) -> ActionResult {
        do {
            let result = try self.target.perform(action, at: self.now)
            self.record(self.target.takeTimedEvents())
            return result
        } catch {
            throw self.targetFailure(error.description, error: error)
        }
    }

    // MARK: Runs

    /// Judges what can only be judged at the end of the run and returns every finding of it.
    public func finish() -> [ScenarioFinding] {
        for checker in self.checkers {
            self.findings += checker.finish(at: self.now)
        }
        return self.findings
    }

    /// Returns the target to a fresh stack (`Target.reset`) with the clock at `start`, and the session
    /// to a fresh run: no packets, findings, events or captures; new checkers; the harness's
    /// association state from `seed` (default: the session's) again, for `endpoints` (default: the
    /// same; they should agree with `configuration`'s ports and addresses). Throws when the target
    /// cannot reset (`TargetError.unsupported`): the caller then makes a new target and a new session.
    public func reset(
        _ configuration: TargetConfiguration, start: VirtualInstant = .zero, seed: UInt64? = nil,
        endpoints: SessionEndpoints? = nil
    ) throws(TargetError) {
        try self.target.reset(configuration, start: start)
        self.seed = seed ?? self.seed
        self.endpoints = endpoints ?? self.endpoints
        self.scheduler = EventScheduler(start: start)
        (self.model, _) = Self.harnessState(seed: self.seed, endpoints: self.endpoints)
        self.modelChanged = true
        self.packets.removeAll(keepingCapacity: true)
        self.findings.removeAll()
        self.inbox.removeAll()
        self.events.removeAll()
        self.recordedEvents = 0
        self.stalledLooks = 0
        self.capture.clearRecords()
        self.checkers = self.makeCheckers()
        (self.tracker, self.tracksApart) = Self.tracker(among: self.checkers)
    }

    // MARK: Internals

    private func ingest(_ envelope: AddressedPacket) {
        let number = self.packets.count + 1
        let packet = DecodedPacket(number: number, direction: .fromSUT, envelope: envelope)
        self.packets.append(ExchangedPacket(number: number, direction: .fromSUT, packet: envelope, disposition: .unexamined))
        self.inbox.append(packet)
        self.check(ObservedPacket(packet))
        self.learnFromTracker()
    }

    private func check(_ packet: ObservedPacket) {
        for checker in self.checkers {
            let found = checker.observe(packet)
            if !found.isEmpty { self.findings += found }
        }
        if self.tracksApart {
            _ = self.tracker.observe(packet)
        }
    }

    /// The model takes what the tracker knows of the association between the harness's first
    /// endpoint and the SUT's (`AssociationModel.learn`).
    private func learnFromTracker() {
        var udp: (harness: UInt16?, sut: UInt16?) = (nil, nil)
        if case .udpEncapsulated(let source, let destination) = self.endpoints.carriage { udp = (source, destination) }
        let harness = TransportEndpoint(
            host: .ip(self.endpoints.harnessAddresses[0]), port: self.endpoints.harnessPort, udpPort: udp.harness)
        let sut = TransportEndpoint(
            host: .ip(self.endpoints.sutAddresses[0]), port: self.endpoints.sutPort, udpPort: udp.sut)
        if let sides = self.tracker.trackedSides(harness: harness, sut: sut) {
            self.model.learn(harness: sides.harness, sut: sides.sut)
        }
        self.modelChanged = true
    }

    /// Queues application events at the instants the target gives them (never after `now`: the
    /// target has not run past it), so `after` and the step clock see when each really happened.
    private func record(_ timed: [TimedApplicationEvent]) {
        self.recordedEvents += timed.count
        for event in timed {
            self.events.append((min(event.time, self.now), event.event))
        }
    }

    func setDisposition(_ number: Int, _ disposition: ExchangedPacket.Disposition) {
        let index = number - 1
        guard self.packets.indices.contains(index) else { return }
        self.packets[index].disposition = disposition
    }

    /// A transport or target failure: a crash of the SUT becomes a finding with its stderr tail. The
    /// finding names `packet` (the harness's packet whose send failed), else the last packet of the run.
    private func targetFailure(
        _ description: String, error: TargetError? = nil, packet: Int? = nil
    ) -> HarnessError {
        let failure = self.target.terminationError ?? error
        if case .crashed(let what, let stderr)? = failure {
            let tail = stderr.split(separator: "\n", omittingEmptySubsequences: false).suffix(20).joined(
                separator: "\n")
            if !self.findings.contains(where: { $0.rule == "sut-crashed" }) {
                let culprit = packet.flatMap { number in self.packets.first { $0.number == number } }
                let on = culprit.map { " on packet #\($0.number) [\($0.chunkSummary)]" } ?? ""
                self.findings.append(
                    ScenarioFinding(
                        rule: "sut-crashed", section: "robustness", severity: .must,
                        message: "the SUT crashed\(on): \(what)" + (tail.isEmpty ? "" : "\nstderr:\n\(tail)"),
                        packetNumber: packet ?? self.packets.last?.number, time: self.now,
                        violator: .systemUnderTest))
            }
            return HarnessError("target crashed: \(what)")
        }
        return HarnessError(failure?.description ?? description)
    }
}
