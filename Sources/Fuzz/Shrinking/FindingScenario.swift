import Scenario
import Targets

/// Turns a finding into a scenario `sctpconform run` replays to the same failure: the prefix's
/// options and steps (inlined, so the file stands alone), then one step per case step (each packet a
/// `send` of raw chunks with its tag, checksum, ports and lying lengths, each time step a `wait`, each
/// action an `app` step expecting the result it had), and for a liveness failure the probe that went
/// unanswered. Every chunk kind is ignored, so only the failure itself fails the run: a crash is an
/// ERROR with `sut-crashed`, a rule violation a FAIL with that rule, a dead SUT a FAIL at the probe.
public struct FindingScenario: Sendable {
    public var prefix: Scenario
    public var target: String
    public var seed: UInt64
    public var vocabulary: ScenarioVocabulary

    public init(prefix: Scenario, target: String, seed: UInt64, vocabulary: ScenarioVocabulary = .standard) {
        self.prefix = prefix
        self.target = target
        self.seed = seed
        self.vocabulary = vocabulary
    }

    /// Where `sctpconform run` is told to look for the file.
    public static func fileName(_ finding: FuzzFinding) -> String { "\(finding.id).yaml" }

    public func scenario(_ finding: FuzzFinding, file: String) -> Scenario {
        let location = FileLocation(file: file, line: 1, column: 1)
        var steps = self.prefix.steps
        var results = finding.actionResults[...]
        for step in finding.fuzzCase.steps {
            let action: Step.Action
            switch step {
            case .packet(let packet):
                action = .send(self.template(packet, location: location))
            case .advance(let milliseconds):
                action = .wait(.milliseconds(Int64(milliseconds)))
            case .action(let applicationAction):
                let failed: Bool
                if case .failed? = results.first { failed = true } else { failed = false }
                results = results.dropFirst()
                action = .application(.perform(Self.command(applicationAction), expectFailure: failed))
            }
            steps.append(Step(number: steps.count + 1, location: location, action: action))
        }
        if finding.failure.kind == .liveness {
            steps += self.probeSteps(file: file)
        }
        for index in steps.indices { steps[index].number = index + 1 }
        let notes = """
            Found by `sctpconform fuzz --target \(self.target) --seed \(self.seed)\(self.prefixOption)` at run \
            \(finding.run) and shrunk from \(finding.originalSteps) to \(finding.fuzzCase.steps.count) steps: \
            \(finding.failure.message) [\(finding.failure.rule), \(finding.failure.section)]. Replay with \
            `sctpconform run \(file) --target \(self.target) --seed \(self.seed)`.
            """
        return Scenario(
            id: "fuzz-\(finding.id)", title: "Fuzz finding (\(finding.failure.kind.rawValue)): \(finding.failure.rule)",
            file: file, rfc: finding.failure.section.hasPrefix("RFC") ? [finding.failure.section] : [],
            role: self.prefix.role, sutPort: self.prefix.sutPort, peerPort: self.prefix.peerPort,
            sutAddresses: self.prefix.sutAddresses, peerAddresses: self.prefix.peerAddresses,
            requires: self.prefix.requires, options: self.prefix.options, ignore: Set(self.vocabulary.chunks.keys),
            defaultWithin: self.prefix.defaultWithin, notes: notes, steps: steps)
    }

    private var prefixOption: String {
        self.prefix.file.hasPrefix("(") ? "" : " --scenario \(self.prefix.file)"
    }

    func template(_ packet: FuzzPacket, location: FileLocation) -> PacketTemplate {
        let checksum: ChecksumChoice
        switch packet.checksum {
        case .correct: checksum = .correct
        case .zero: checksum = .zero
        case .bad: checksum = .bad
        case .value(let value): checksum = .value(.literal(UInt64(value)))
        }
        return PacketTemplate(
            chunks: packet.chunks.map { chunk in
                ChunkTemplate(
                    body: .raw(
                        type: .literal(UInt64(chunk.type)), flags: .literal(UInt64(chunk.flags)), value: chunk.value),
                    length: chunk.length.map { .literal(UInt64($0)) }, location: location)
            },
            verificationTag: .literal(UInt64(packet.verificationTag)), checksum: checksum,
            sourcePort: packet.sourcePort == self.prefix.peerPort ? nil : .literal(UInt64(packet.sourcePort)),
            destinationPort: packet.destinationPort == self.prefix.sutPort
                ? nil : .literal(UInt64(packet.destinationPort)))
    }

    /// The liveness probe as scenario steps: an INIT from the next harness port, and any one-chunk
    /// answer to that port within 1 s (read from YAML by the loader, as a user would write it).
    func probeSteps(file: String) -> [Step] {
        let port = self.prefix.peerPort == .max ? self.prefix.peerPort - 1 : self.prefix.peerPort + 1
        let text = """
            id: probe
            title: liveness probe
            sut: {role: \(self.prefix.role.rawValue), port: \(self.prefix.sutPort)}
            peer: {port: \(self.prefix.peerPort)}
            steps:
              - send: init
                src_port: \(port)
              - expect: {chunk: {type: any, flags: any}}
                verification_tag: any
                dst_port: \(port)
                within: 1s
            """
        let loaded = try? ScenarioLoader(vocabulary: self.vocabulary).load(yaml: text, file: file)
        return loaded?.steps ?? []
    }

    /// The scenario command for a target action.
    static func command(_ action: ApplicationAction) -> ApplicationCommand {
        switch action {
        case .listen: return .listen
        case .connect: return .connect
        case .send(let stream, let ppid, let payload, let unordered):
            return .send(stream: stream, ppid: ppid, payload: payload, unordered: unordered)
        case .shutdown: return .shutdown
        case .abort(let reason): return .abort(reason: reason)
        case .close: return .close
        case .setOption(let option): return .setOptions(Self.settings(option))
        }
    }

    static func settings(_ option: SocketOption) -> [SocketOptionSetting] {
        switch option {
        case .rtoInfo(let initial, let min, let max):
            return [
                initial.map { .rtoInitial(milliseconds: $0) }, min.map { .rtoMin(milliseconds: $0) },
                max.map { .rtoMax(milliseconds: $0) },
            ].compactMap { $0 }
        case .initMessage(let outbound, let inbound, let attempts):
            return [
                outbound.map { .outboundStreams($0) }, inbound.map { .maxInboundStreams($0) },
                attempts.map { .maxInitAttempts($0) },
            ].compactMap { $0 }
        case .cookieLife(let milliseconds): return [.cookieLife(milliseconds: milliseconds)]
        case .maxRetransmissions(let count): return [.maxRetransmissions(count)]
        case .heartbeatInterval(let milliseconds): return [.heartbeatInterval(milliseconds: milliseconds)]
        case .delayedAck(let milliseconds): return [.delayedAck(milliseconds: milliseconds)]
        case .noDelay(let on): return [.noDelay(on)]
        }
    }
}
