import Captures
import NetworkLayers
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
    /// The wire, the clock, the packets and the association model: the open session API.
    let session: HarnessSession
    let configuration: RunnerConfiguration
    let builder: PacketBuilder

    // No dynamic exclusivity checks on the mutable state (touched for every step and packet): an
    // execution is driven from one task, and no access to these fields spans a call back into it.
    @exclusivity(unchecked) var matcher: PatternMatcher
    /// The model as it stood when its variables were last copied into `matcher.variables` (only
    /// changes are copied); nil before the first copy.
    @exclusivity(unchecked) var publishedModel: AssociationModel?
    /// How far the target has run: the session's clock.
    var now: VirtualInstant { self.session.now }
    @exclusivity(unchecked) var stepClock = VirtualInstant.zero
    var scheduler: EventScheduler { self.session.scheduler }

    init(scenario: Scenario, target: any Target, configuration: RunnerConfiguration) {
        self.scenario = scenario
        self.configuration = configuration
        self.session = HarnessSession(
            target: target, endpoints: Self.endpoints(of: scenario, on: target), seed: configuration.seed,
            checkers: configuration.makeCheckers, decorate: configuration.decorateTransport)
        self.builder = PacketBuilder(vocabulary: configuration.vocabulary)
        self.matcher = PatternMatcher(variables: VariableStore(minimumCapacity: 32))
        self.publishVariables()
    }

    /// The scenario's addresses, ports and carriage (IP or UDP, RFC 6951) as the session's endpoints;
    /// the carriage is the target's own when its wire fixes one (`Target.wireCarriage`), and so are the
    /// first harness and SUT addresses (`Target.wireAddresses`).
    static func endpoints(of scenario: Scenario, on target: any Target) -> SessionEndpoints {
        var sut = scenario.sutAddresses
        var harness = scenario.peerAddresses
        if let wire = target.wireAddresses {
            sut[0] = wire.sut
            harness[0] = wire.harness
        }
        return SessionEndpoints(
            sutAddresses: sut, harnessAddresses: harness, sutPort: scenario.sutPort, harnessPort: scenario.peerPort,
            carriage: target.wireCarriage ?? scenario.harnessCarriage)
    }

    /// A scenario address as the session uses it: the target's own in place of the scenario's first
    /// harness or SUT address (`endpoints(of:on:)`), any other as written.
    func onTheWire(_ address: IPAddress?) -> IPAddress? {
        guard let address else { return nil }
        if address == self.scenario.sutAddresses[0] { return self.session.endpoints.sutAddresses[0] }
        if address == self.scenario.peerAddresses[0] { return self.session.endpoints.harnessAddresses[0] }
        return address
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
                // The step's result is updated in place (no copy of it per step).
                let start = self.stepClock
                result.steps[index].start = start
                do {
                    let record = try self.execute(step)
                    result.steps[index].status = .passed
                    result.steps[index].packets = record.packets
                    result.steps[index].eventRecords = record.events
                } catch {
                    interruption = error
                    switch error {
                    case .failed(var failure):
                        failure.rfc = self.citations(step, mismatches: failure.mismatches)
                        if let tolerance = self.session.target.realTimeTolerance, failure.message.contains(" within "),
                            !failure.message.contains("expected nothing"), !failure.message.contains(", observed ")
                        {
                            failure.message += " (real time: a tolerance of \(tolerance) was added to the deadline)"
                            interruption = .failed(failure)
                        }
                        result.steps[index].status = .failed
                        result.steps[index].packets = failure.packetNumber.map { [$0] } ?? []
                        result.steps[index].failure = failure
                    case .error(let message):
                        let packets = self.session.packets.filter { $0.disposition == .sent(step: step.number) }
                            .map(\.number)
                        result.steps[index].status = .error
                        result.steps[index].packets = packets
                        result.steps[index].failure = StepFailure(
                            message: message, packetNumber: packets.last, rfc: self.citations(step))
                    }
                }
                result.steps[index].end = max(self.stepClock, start)
                if interruption != nil { break }
            }
        }
        if interruption == nil {
            interruption = self.checkLeftovers()
        }
        // The target's part of the run is over: it may start its reset for the next run now, while the
        // findings, the capture and the verdict are made (`Target.prepareReset`).
        self.session.target.prepareReset()
        let findings = self.session.finish()
        switch interruption {
        case .error(let message)?:
            result.verdict = .error
            result.reason = message
        case .failed(let failure)?:
            result.verdict = .fail
            result.reason = failure.message
        case nil:
            if let finding = findings.first(where: { $0.severity == .must }) {
                result.verdict = .fail
                result.reason = "\(finding.section): \(finding.message)"
            }
        }
        result.packets = self.session.packets
        result.findings = findings
        result.duration = max(self.now, self.stepClock) - .zero
        result.capturedPackets = self.session.capture.records.map(\.packet)
        do {
            try CapturingTransport.checkFramable(result.capturedPackets)
        } catch {
            result.findings.append(
                ScenarioFinding(
                    rule: "capture", section: "harness", severity: .note, message: "no pcap: \(error.description)"))
        }
        return result
    }

    /// Sets the scenario's `options:` before the first step.
    func applyInitialOptions() throws(StepInterruption) {
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
        var unexpected: [DecodedPacket] = []
        do {
            try self.collect()
            while true {
                for packet in self.session.inbox {
                    if self.isIgnorable(packet) {
                        self.setDisposition(packet.number, .ignored)
                    } else {
                        self.setDisposition(packet.number, .leftOver)
                        unexpected.append(packet)
                    }
                }
                self.session.inbox.removeAll()
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

    /// Lets the target run to the next instant anything happens (see `HarnessSession`).
    func advanceToNextEvent(notAfter limit: VirtualInstant? = nil) throws(StepInterruption) {
        do {
            try self.session.advanceToNextEvent(notAfter: limit)
        } catch {
            throw .error(error.message)
        }
    }

    /// Runs to `deadline`, taking every packet and event on the way at its own instant. Returns
    /// whether anything (a packet or an event) came.
    @discardableResult
    func advance(to deadline: VirtualInstant) throws(StepInterruption) -> Bool {
        do {
            return try self.session.advance(to: deadline)
        } catch {
            throw .error(error.message)
        }
    }

    /// Takes what the target produced at the current instant, without moving time.
    func collect() throws(StepInterruption) {
        try self.advanceToNextEvent(notAfter: self.now)
    }

    /// Sends built bytes at `now` from the step's harness address to its SUT address.
    func send(_ built: BuiltPacket, step: Step) throws(StepInterruption) -> Int {
        do {
            return try self.session.send(
                built.bytes, from: self.onTheWire(step.from), to: self.onTheWire(step.to),
                disposition: .sent(step: step.number))
        } catch {
            throw .error(error.message)
        }
    }

    func perform(_ action: ApplicationAction) throws(StepInterruption) -> ActionResult {
        do {
            return try self.session.perform(action)
        } catch {
            throw .error(error.message)
        }
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

    /// Copies the model's variables that changed into the matcher's variables (when the model
    /// learnt something since the last copy).
    func publishVariables() {
        guard self.session.modelChanged else { return }
        self.session.modelChanged = false
        let current = self.session.model
        current.forEachVariable(changedSince: self.publishedModel) { name, value in
            self.matcher.variables[name] = value
        }
        self.publishedModel = current
    }

    func setDisposition(_ number: Int, _ disposition: ExchangedPacket.Disposition) {
        self.session.setDisposition(number, disposition)
    }

    /// A packet all of whose chunks are of kinds the scenario ignores.
    func isIgnorable(_ packet: DecodedPacket) -> Bool {
        !packet.chunks.isEmpty && packet.chunks.allSatisfy { self.scenario.ignore.contains($0.kind) }
    }
}
