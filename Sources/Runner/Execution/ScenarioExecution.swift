import Captures
import SCTPWire
import Scenario
import Targets
import Transports
import VirtualTime

/// Why a step stopped the run.
enum StepInterruption: Error {
    /// The SUT did not do what the step expects.
    case failed(StepFailure)
    /// The step could not be carried out (target failure, a value the harness cannot compute).
    case error(String)
}

/// The state of one scenario run: the clock, the wire, the association model, the variables.
///
/// Time is event-driven. The harness's own timed events (the deadline of a `within` window, the end
/// of a `wait`, the end of the quiet period after the last step) are scheduled on `scheduler`; the
/// runner always lets the target run to the earlier of the next such event and the SUT's next
/// output (`Transport.receiveNext(until:)`), so it sees every packet at the instant it was sent and
/// answers at that same instant. Harness events due at the same instant run in the order they were
/// scheduled; SUT output at an event's instant is taken in the same look, so a packet at a window's
/// deadline is inside the window.
///
/// Two instants are kept. `now` is how far the target has run (it only moves forward). `stepClock`
/// is when the previous step finished: the send time of a send, the arrival time of the matched
/// packet of an expect, the end of a wait. `within`/`after` count from `stepClock`.
final class ScenarioExecution {
    let scenario: Scenario
    let target: any Target
    let transport: any Transport
    /// Records the exchange for the pcap (outermost, so it sees what the harness sees).
    let capture: CapturingTransport
    let configuration: RunnerConfiguration
    let checkers: [any LiveChecker]
    let builder: PacketBuilder

    var model: AssociationModel
    var matcher: PatternMatcher
    /// Model variables as last copied into `matcher.variables` (only changes are copied).
    var publishedModelVariables: [String: FieldValue] = [:]
    /// The harness's clock and its timed events.
    let scheduler = EventScheduler()
    /// Looks at the wire in a row that neither moved time nor brought anything (see `stallLimit`).
    private var stalledLooks = 0
    /// More stalled looks than this and the target counts as stuck: every wait is bounded.
    static let stallLimit = 10_000
    /// How far the target has run: the scheduler's clock.
    var now: VirtualInstant { self.scheduler.now }
    var stepClock = VirtualInstant.zero
    /// Packets from the SUT no step has taken yet, in arrival order.
    var inbox: [ReceivedPacket] = []
    /// Application events no step has taken yet.
    var events: [(time: VirtualInstant, event: ApplicationEvent)] = []
    /// How many application events the target reported so far.
    private var recordedEvents = 0
    var packets: [ExchangedPacket] = []
    var findings: [ScenarioFinding] = []
    /// Bytes for default cookies, heartbeat info (seeded).
    let filler: [UInt8]

    init(scenario: Scenario, target: any Target, configuration: RunnerConfiguration) {
        self.scenario = scenario
        self.target = target
        self.capture = CapturingTransport(wrapping: configuration.decorateTransport(target.transport))
        self.transport = self.capture
        self.configuration = configuration
        self.checkers = configuration.makeCheckers()
        self.builder = PacketBuilder(vocabulary: configuration.vocabulary)
        var generator = SplitMix64(seed: configuration.seed ^ 0x5C7C_0F0E_4A55_1E55)
        var tag = UInt32(truncatingIfNeeded: generator.next())
        if tag == 0 { tag = 1 }
        let tsn = UInt32(truncatingIfNeeded: generator.next())
        self.filler = (0..<4).flatMap { _ in withUnsafeBytes(of: generator.next().bigEndian) { Array($0) } }
        self.model = AssociationModel(
            ourPort: scenario.peerPort, peerPort: scenario.sutPort, ourTag: tag, ourInitialTSN: tsn)
        self.matcher = PatternMatcher(variables: VariableStore())
        self.publishVariables()
    }

    // MARK: Run

    func run(into initial: ScenarioResult) -> ScenarioResult {
        var result = initial
        result.verdict = .pass
        var interruption: StepInterruption?
        do {
            try self.applyInitialOptions()
        } catch {
            interruption = error
        }
        if interruption == nil {
            for (index, step) in self.scenario.steps.enumerated() {
                let start = self.stepClock
                var stepResult = result.steps[index]
                stepResult.start = start
                do {
                    let record = try self.execute(step)
                    stepResult.status = .passed
                    stepResult.packets = record.packets
                    stepResult.events = record.events
                } catch {
                    interruption = error
                    switch error {
                    case .failed(var failure):
                        failure.rfc = self.citations(step, mismatches: failure.mismatches)
                        stepResult.status = .failed
                        stepResult.failure = failure
                        stepResult.packets = failure.packetNumber.map { [$0] } ?? []
                    case .error(let message):
                        stepResult.status = .error
                        stepResult.packets = self.packets.filter { $0.disposition == .sent(step: step.number) }
                            .map(\.number)
                        stepResult.failure = StepFailure(
                            message: message, packetNumber: stepResult.packets.last, rfc: self.citations(step))
                    }
                }
                stepResult.end = max(self.stepClock, start)
                result.steps[index] = stepResult
                if interruption != nil { break }
            }
        }
        if interruption == nil {
            interruption = self.checkLeftovers()
        }
        for checker in self.checkers {
            self.findings += checker.finish(at: self.now)
        }
        switch interruption {
        case .error(let message)?:
            result.verdict = .error
            result.reason = message
        case .failed(let failure)?:
            result.verdict = .fail
            result.reason = failure.message
        case nil:
            if let finding = self.findings.first(where: { $0.severity == .must }) {
                result.verdict = .fail
                result.reason = "\(finding.section): \(finding.message)"
            }
        }
        result.packets = self.packets
        result.findings = self.findings
        result.duration = max(self.now, self.stepClock) - .zero
        do {
            result.capture = try self.capture.captureRecords()
        } catch {
            result.findings.append(
                ScenarioFinding(
                    rule: "capture", section: "harness", severity: .note, message: "no pcap: \(error.description)"))
        }
        return result
    }

    /// Sets the scenario's `options:` before the first step.
    private func applyInitialOptions() throws(StepInterruption) {
        for option in ApplicationMapping.options(self.scenario.options) {
            let result = try self.perform(.setOption(option))
            if case .failed(let errno, let message) = result {
                throw .error("the target refused option \(option): \(message) (errno \(errno))")
            }
        }
    }

    /// After the last step the run goes on for the scenario's quiet period (`defaults: {quiet: ...}`,
    /// counted from the end of the last step): packets the SUT sends by then that no step took fail
    /// the run (ignored kinds aside), so a stray packet just after the last step is seen. The run
    /// stops at the first such packet.
    private func checkLeftovers() -> StepInterruption? {
        let quietEnd = HarnessTimer(at: self.stepClock + Self.duration(self.scenario.quietPeriod), on: self.scheduler)
        defer { quietEnd.cancel(on: self.scheduler) }
        var unexpected: [ReceivedPacket] = []
        do {
            try self.collect()
            while true {
                for packet in self.inbox {
                    if self.isIgnorable(packet) {
                        self.setDisposition(packet.number, .ignored)
                    } else {
                        self.setDisposition(packet.number, .leftOver)
                        unexpected.append(packet)
                    }
                }
                self.inbox = []
                if !unexpected.isEmpty || quietEnd.fired { break }
                try self.advanceToNextEvent()
            }
        } catch {
            return error
        }
        guard let first = unexpected.first else { return nil }
        return .failed(
            StepFailure(
                message:
                    "unexpected packet after the last step: #\(first.number) [\(first.chunkNames)] at \(first.time)"
                    + (unexpected.count > 1 ? " (and \(unexpected.count - 1) more)" : ""),
                packetNumber: first.number, rfc: self.scenario.rfc))
    }

    // MARK: The wire

    /// Lets the target run to the next instant anything happens: the earliest of the next harness
    /// event and the SUT's next output, and never past `limit`. Runs the harness events due by then
    /// (in insertion order) and takes what the target sent and what its application saw.
    func advanceToNextEvent(notAfter limit: VirtualInstant? = nil) throws(StepInterruption) {
        var horizon = self.scheduler.nextDeadline
        if let limit {
            let bounded = max(limit, self.now)
            horizon = min(horizon ?? bounded, bounded)
        }
        guard let horizon else {
            throw .error("internal: the runner waited with no harness event scheduled")
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
            throw .error("harness clock: \(error.description)")
        }
        for packet in result.packets {
            self.ingest(packet)
        }
        let events = self.target.takeTimedEvents()
        self.record(events)
        if self.now == before && ranEvents == 0 && result.packets.isEmpty && events.isEmpty && limit == nil {
            self.stalledLooks += 1
            if self.stalledLooks > Self.stallLimit {
                throw .error("target made no progress at \(self.now) in \(Self.stallLimit) looks at the wire")
            }
        } else {
            self.stalledLooks = 0
        }
        if let failure = self.target.terminationError {
            throw self.targetFailure(failure.description)
        }
    }

    /// Runs to `deadline` (a harness event there), taking every packet and event on the way at its
    /// own instant. Returns whether anything (a packet or an event) came.
    @discardableResult
    func advance(to deadline: VirtualInstant) throws(StepInterruption) -> Bool {
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
    func collect() throws(StepInterruption) {
        try self.advanceToNextEvent(notAfter: self.now)
    }

    /// Numbers and records built bytes, then sends them at `now` and learns from them. The packet is
    /// in `packets` (and the checkers have seen it) before the send, so a packet the SUT dies of is in
    /// the report, and the crash finding names it.
    func send(_ built: BuiltPacket, step: Int) throws(StepInterruption) -> Int {
        let number = self.packets.count + 1
        self.packets.append(
            ExchangedPacket(
                number: number, direction: .toSUT, time: self.now, bytes: built.bytes, disposition: .sent(step: step)))
        self.check(ObservedPacket(number: number, direction: .toSUT, time: self.now, bytes: built.bytes))
        do {
            try self.transport.send(built.bytes, at: self.now)
        } catch {
            throw self.targetFailure(error.description, packet: number)
        }
        let chunks = RawPacket(built.bytes).chunks.compactMap { try? $0.typed() }
        self.model.observeSent(tag: built.verificationTag, chunks: chunks)
        self.publishVariables()
        return number
    }

    func perform(_ action: ApplicationAction) throws(StepInterruption) -> ActionResult {
        do {
            let result = try self.target.perform(action, at: self.now)
            self.record(self.target.takeTimedEvents())
            return result
        } catch {
            throw self.targetFailure(error.description, error: error)
        }
    }

    /// Queues application events at the instants the target gives them (never after `now`: the
    /// target has not run past it), so `after` and the step clock see when each really happened.
    private func record(_ timed: [TimedApplicationEvent]) {
        self.recordedEvents += timed.count
        for event in timed {
            self.events.append((min(event.time, self.now), event.event))
        }
    }

    private func ingest(_ timed: TimedPacket) {
        let number = self.packets.count + 1
        let packet = ReceivedPacket(number: number, time: timed.time, bytes: timed.bytes, model: self.model)
        self.model.observeReceived(chunks: packet.typedChunks)
        self.publishVariables()
        self.packets.append(
            ExchangedPacket(
                number: number, direction: .fromSUT, time: timed.time, bytes: timed.bytes, disposition: .unexamined))
        self.inbox.append(packet)
        self.check(ObservedPacket(number: number, direction: .fromSUT, time: timed.time, bytes: timed.bytes))
    }

    private func check(_ packet: ObservedPacket) {
        for checker in self.checkers {
            self.findings += checker.observe(packet)
        }
    }

    /// A transport or target failure: a crash of the SUT becomes a finding with its stderr tail. The
    /// finding names `packet` (the harness's packet whose send failed), else the last packet of the run.
    private func targetFailure(
        _ description: String, error: TargetError? = nil, packet: Int? = nil
    ) -> StepInterruption {
        let failure = self.target.terminationError ?? error
        if case .crashed(let what, let stderr)? = failure {
            let tail = stderr.split(separator: "\n", omittingEmptySubsequences: false).suffix(20).joined(
                separator: "\n")
            if !self.findings.contains(where: { $0.rule == "sut-crashed" }) {
                let culprit = packet.flatMap { number in self.packets.first { $0.number == number } }
                let on = culprit.map { " on packet #\($0.number) [\(Self.chunkNames($0.bytes))]" } ?? ""
                self.findings.append(
                    ScenarioFinding(
                        rule: "sut-crashed", section: "robustness", severity: .must,
                        message: "the SUT crashed\(on): \(what)" + (tail.isEmpty ? "" : "\nstderr:\n\(tail)"),
                        packetNumber: packet ?? self.packets.last?.number, time: self.now))
            }
            return .error("target crashed: \(what)")
        }
        return .error(failure?.description ?? description)
    }

    /// The chunk names of a packet, as `ReceivedPacket.chunkNames` writes them.
    private static func chunkNames(_ bytes: [UInt8]) -> String {
        let names = RawPacket(bytes).chunks.map { $0.type.name ?? $0.type.description }
        return names.isEmpty ? "(no chunks)" : names.joined(separator: ", ")
    }

    // MARK: Bookkeeping

    /// What a failed step checks: its own `rfc:` when it has one; otherwise the sections that define the
    /// chunks (or the application event) whose fields did not match, then the scenario's sections, without
    /// repeats.
    func citations(_ step: Step, mismatches: [FieldMismatch] = []) -> [String] {
        if !step.rfc.isEmpty { return step.rfc }
        var defining: [String] = []
        if case .application(.expectEvent(let pattern)) = step.action, !mismatches.isEmpty,
            let reference = self.configuration.vocabulary.events[pattern.kind]?.reference
        {
            defining.append(reference)
        }
        defining += mismatches.compactMap { self.definingSection(ofChunkIn: $0.path) }
        var seen = Set<String>()
        return (defining + self.scenario.rfc).filter { seen.insert($0).inserted }
    }

    /// The section defining the chunk a mismatch path names: `chunks[0].init-ack.outbound_streams` is in
    /// the INIT ACK, RFC 9260 §3.3.3. Header and chunk-list paths name no chunk.
    private func definingSection(ofChunkIn path: String) -> String? {
        let components = path.split(separator: ".", maxSplits: 2)
        guard components.count >= 2, components[0].hasPrefix("chunks[") else { return nil }
        return self.configuration.vocabulary.chunks[String(components[1])]?.reference
    }

    /// Copies the model's variables that changed into the matcher's variables.
    func publishVariables() {
        let current = self.model.variables
        for (name, value) in current where self.publishedModelVariables[name] != value {
            self.matcher.variables[name] = value
        }
        self.publishedModelVariables = current
    }

    func setDisposition(_ number: Int, _ disposition: ExchangedPacket.Disposition) {
        let index = number - 1
        guard self.packets.indices.contains(index) else { return }
        self.packets[index].disposition = disposition
    }

    /// A packet all of whose chunks are of kinds the scenario ignores.
    func isIgnorable(_ packet: ReceivedPacket) -> Bool {
        !packet.chunks.isEmpty && packet.chunks.allSatisfy { self.scenario.ignore.contains($0.kind) }
    }
}
