import SCTPWire
import Scenario
import Targets
import VirtualTime

/// The five step kinds.
extension ScenarioExecution {
    /// What a passed step did.
    struct StepRecord {
        var packets: [Int] = []
        /// The application events matched (described only when a report asks).
        var events: [FieldRecord] = []
    }

    func execute(_ step: Step) throws(StepInterruption) -> StepRecord {
        switch step.action {
        case .send(let template):
            return try self.executeSend(template, step: step)
        case .expect(let expectation):
            return try self.executeExpect(expectation, step: step)
        case .expectNothing:
            return try self.executeExpectNothing(step)
        case .wait(let duration):
            let end = self.stepClock + Self.duration(duration)
            try self.advance(to: end)
            self.stepClock = end
            return StepRecord()
        case .application(.perform(let command, let expectFailure)):
            return try self.executeCommand(command, expectFailure: expectFailure, step: step)
        case .application(.expectEvent(let pattern)):
            return try self.executeExpectEvent(pattern, step: step)
        case .application(.expectNoEvent(let patterns)):
            return try self.executeExpectNoEvent(patterns, step: step)
        }
    }

    // MARK: send

    private func executeSend(_ template: PacketTemplate, step: Step) throws(StepInterruption) -> StepRecord {
        try self.collect()
        self.publishVariables()
        let built: BuiltPacket
        do {
            built = try self.builder.build(
                template, model: self.session.model, variables: self.matcher.variables, filler: self.session.filler,
                location: step.location)
        } catch {
            throw .error("\(error.location): cannot build the packet: \(error.message)")
        }
        let number = try self.send(built, step: step)
        self.stepClock = self.now
        return StepRecord(packets: [number])
    }

    // MARK: expect

    private func executeExpect(_ expectation: PacketExpectation, step: Step) throws(StepInterruption) -> StepRecord {
        let start = self.stepClock
        let after = step.after.map(Self.duration) ?? .zero
        // On a real-time target the window widens by the tolerance at both ends (`Target.realTimeTolerance`).
        let slack = self.session.target.realTimeTolerance ?? .zero
        let earliest = max(start, start + after + .nanoseconds(-slack.nanoseconds))
        let deadline = start + (step.within.map(Self.duration) ?? (after + Self.duration(self.scenario.defaultWithin)))
            + slack
        let logic = ExpectationMatcher(
            expectation: expectation, sutPort: self.scenario.sutPort, peerPort: self.scenario.peerPort,
            from: self.onTheWire(step.from), to: self.onTheWire(step.to))
        let across = expectation.arrangement == .anyOrderAcrossPackets
        var remaining = expectation.chunks
        var matched: [Int] = []
        var ignoredNearMiss: (packet: DecodedPacket, mismatches: [FieldMismatch])?
        let window = HarnessTimer(at: deadline, on: self.scheduler)
        defer { window.cancel(on: self.scheduler) }
        try self.collect()
        while true {
            while !self.session.inbox.isEmpty {
                let packet = self.session.inbox.removeFirst()
                self.publishVariables()
                var trial = self.matcher
                var left = remaining
                let mismatches =
                    across
                    ? logic.matchAcross(packet, remaining: &left, &trial) : logic.match(packet, &trial)
                if mismatches.isEmpty {
                    if step.after != nil, packet.time < earliest {
                        self.setDisposition(packet.number, .unexpected(step: step.number))
                        throw .failed(
                            StepFailure(
                                message:
                                    "step \(step.number) (\(step.location)): \(self.describe(expectation)) arrived at "
                                    + "\(packet.time), before \(earliest) (after: \(after) from the step start "
                                    + "\(start))",
                                packetNumber: packet.number))
                    }
                    self.matcher = trial
                    remaining = left
                    self.setDisposition(packet.number, .matched(step: step.number))
                    matched.append(packet.number)
                    if !across || remaining.isEmpty {
                        self.stepClock = max(start, packet.time)
                        return StepRecord(packets: matched)
                    }
                    continue
                }
                if let name = trial.unresolved.first {
                    throw .error(
                        "step \(step.number) (\(step.location)): $\(name) has no value yet, so the expectation cannot be "
                            + "judged (no capture or packet has set it)")
                }
                if self.isIgnorable(packet) {
                    self.setDisposition(packet.number, .ignored)
                    if ignoredNearMiss == nil, packet.kinds.contains(where: expectation.kinds.contains) {
                        ignoredNearMiss = (packet, mismatches)
                    }
                    continue
                }
                self.setDisposition(packet.number, .unexpected(step: step.number))
                throw .failed(
                    StepFailure(
                        message: "step \(step.number) (\(step.location)): expected \(self.describe(expectation)), "
                            + "observed packet #\(packet.number) [\(packet.chunkNames)] at \(packet.time)",
                        mismatches: mismatches, packetNumber: packet.number))
            }
            if window.fired {
                var message =
                    "step \(step.number) (\(step.location)): expected \(self.describe(expectation)) "
                    + "within \(deadline - start) of \(start)"
                if after > .zero { message += " (not before \(earliest))" }
                if across && !matched.isEmpty {
                    message += "; still missing: " + remaining.map(\.description).joined(separator: "; ")
                } else {
                    message += ", nothing matching arrived"
                }
                if let nearMiss = ignoredNearMiss {
                    message +=
                        " (ignored packet #\(nearMiss.packet.number) [\(nearMiss.packet.chunkNames)] did not match)"
                }
                throw .failed(StepFailure(message: message, mismatches: ignoredNearMiss?.mismatches ?? []))
            }
            try self.advanceToNextEvent()
        }
    }

    private func executeExpectNothing(_ step: Step) throws(StepInterruption) -> StepRecord {
        let start = self.stepClock
        let deadline = start + Self.duration(step.within ?? self.scenario.defaultWithin)
        let window = HarnessTimer(at: deadline, on: self.scheduler)
        defer { window.cancel(on: self.scheduler) }
        try self.collect()
        try self.rejectNonIgnored(step: step, start: start, deadline: deadline)
        while !window.fired {
            try self.advanceToNextEvent()
            try self.rejectNonIgnored(step: step, start: start, deadline: deadline)
        }
        self.stepClock = max(self.stepClock, deadline)
        return StepRecord()
    }

    private func rejectNonIgnored(step: Step, start: VirtualInstant, deadline: VirtualInstant) throws(StepInterruption)
    {
        while !self.session.inbox.isEmpty {
            let packet = self.session.inbox.removeFirst()
            if self.isIgnorable(packet) {
                self.setDisposition(packet.number, .ignored)
                continue
            }
            self.setDisposition(packet.number, .unexpected(step: step.number))
            throw .failed(
                StepFailure(
                    message: "step \(step.number) (\(step.location)): expected nothing within \(deadline - start) of "
                        + "\(start), observed packet #\(packet.number) [\(packet.chunkNames)] at \(packet.time)",
                    packetNumber: packet.number))
        }
    }

    // MARK: app

    private func executeCommand(
        _ command: ApplicationCommand, expectFailure: Bool, step: Step
    ) throws(StepInterruption) -> StepRecord {
        try self.collect()
        for action in ApplicationMapping.actions(for: command) {
            let result = try self.perform(action)
            switch (result, expectFailure) {
            case (.ok, false), (.failed, true):
                continue
            case (.failed(let errno, let message), false):
                throw .failed(
                    StepFailure(
                        message: "step \(step.number) (\(step.location)): app \(command.name) failed: \(message) "
                            + "(errno \(errno))"))
            case (.ok, true):
                throw .failed(
                    StepFailure(
                        message: "step \(step.number) (\(step.location)): app \(command.name) succeeded, the scenario "
                            + "expects it to fail"))
            }
        }
        self.stepClock = self.now
        return StepRecord()
    }

    private func executeExpectEvent(_ pattern: RecordPattern, step: Step) throws(StepInterruption) -> StepRecord {
        let start = self.stepClock
        let after = step.after.map(Self.duration) ?? .zero
        // On a real-time target the window widens by the tolerance at both ends (`Target.realTimeTolerance`).
        let slack = self.session.target.realTimeTolerance ?? .zero
        let earliest = max(start, start + after + .nanoseconds(-slack.nanoseconds))
        let deadline = start + (step.within.map(Self.duration) ?? (after + Self.duration(self.scenario.defaultWithin)))
            + slack
        let window = HarnessTimer(at: deadline, on: self.scheduler)
        defer { window.cancel(on: self.scheduler) }
        /// Events seen and not matched, described only if the step fails.
        var skipped: [FieldRecord] = []
        var nearMiss: [FieldMismatch] = []
        try self.collect()
        while true {
            while !self.session.events.isEmpty {
                let (time, event) = self.session.events.removeFirst()
                self.publishVariables()
                let record = ApplicationMapping.record(for: event)
                var trial = self.matcher
                let mismatches = trial.match(pattern, record, path: "event")
                if mismatches.isEmpty {
                    if step.after != nil, time < earliest {
                        let text = FieldValueText.describe(record)
                        throw .failed(
                            StepFailure(
                                message:
                                    "step \(step.number) (\(step.location)): event \(text) came at \(time), before "
                                    + "\(earliest)"))
                    }
                    self.matcher = trial
                    self.stepClock = max(start, time)
                    return StepRecord(events: [record])
                }
                if let name = trial.unresolved.first {
                    throw .error(
                        "step \(step.number) (\(step.location)): $\(name) has no value yet, so the event cannot be judged"
                    )
                }
                if record.kind == pattern.kind, nearMiss.isEmpty { nearMiss = mismatches }
                skipped.append(record)
            }
            if window.fired {
                let seen =
                    skipped.isEmpty
                    ? "no application events"
                    : "events " + skipped.map(FieldValueText.describe).joined(separator: ", ")
                throw .failed(
                    StepFailure(
                        message: "step \(step.number) (\(step.location)): expected application event \(pattern) within "
                            + "\(deadline - start) of \(start); observed \(seen)",
                        mismatches: nearMiss))
            }
            try self.advanceToNextEvent()
        }
    }

    // MARK: Helpers

    private func describe(_ expectation: PacketExpectation) -> String {
        let chunks = expectation.chunks.map(\.description).joined(separator: ", ")
        switch expectation.arrangement {
        case .inOrder: return "[\(chunks)]"
        case .anyOrder: return "[\(chunks)] in any order"
        case .contains: return "a packet containing [\(chunks)]"
        case .anyOrderAcrossPackets: return "[\(chunks)] in any order across packets"
        }
    }

    static func duration(_ duration: ScenarioDuration) -> VirtualDuration {
        .nanoseconds(duration.nanoseconds)
    }
}
