import Runner
import Scenario

/// The JSON face of results: one document per scenario run and one summary per run of several.
/// Only deterministic values: virtual times, the seed, paths as the user typed them.
public enum ResultJSON {
    /// Bumped when the document's shape changes incompatibly.
    public static let formatVersion: Int64 = 1

    public static func scenario(_ result: ScenarioResult, pcapName: String?) -> JSONValue {
        let packetsByNumber = Dictionary(
            result.packets.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        return .object([
            ("format", .integer(Self.formatVersion)),
            ("scenario", .string(result.scenarioID)),
            ("title", .string(result.title)),
            ("file", .string(result.file)),
            ("target", .string(result.target)),
            ("seed", .unsigned(result.seed)),
            ("verdict", .string(result.verdict.rawValue)),
            ("reason", .optional(result.reason)),
            ("rfc", .array(result.rfc.map { .string($0) })),
            ("etsi", .array(result.etsi.map { .string($0) })),
            ("notes", .optional(result.notes)),
            ("known_deviation", Self.knownDeviation(result.knownDeviation)),
            ("virtual_duration", .string(result.duration.description)),
            ("virtual_duration_ns", .integer(result.duration.nanoseconds)),
            ("pcap", .optional(pcapName)),
            ("steps", .array(result.steps.map { Self.step($0, packets: packetsByNumber) })),
            ("packets", .array(result.packets.map(Self.packet))),
            ("findings", .array(result.findings.map(Self.finding))),
        ])
    }

    /// The summary of a run: counts and one line per scenario.
    public static func run(
        _ results: [ScenarioResult], target: String, seed: UInt64, files: [String: String], profile: String? = nil
    ) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("format", .integer(Self.formatVersion)),
            ("target", .string(target)),
            ("seed", .unsigned(seed)),
        ]
        if let profile {
            members.append(("profile", .string(profile)))
        }
        return .object(members + [
            ("counts", Self.counts(results)),
            (
                "scenarios",
                .array(
                    results.map { result in
                        .object([
                            ("scenario", .string(result.scenarioID)),
                            ("file", .string(result.file)),
                            ("verdict", .string(result.verdict.rawValue)),
                            ("reason", .optional(result.reason)),
                            ("known_deviation", Self.knownDeviation(result.knownDeviation)),
                            ("virtual_duration", .string(result.duration.description)),
                            ("report", .optional(files[result.scenarioID])),
                        ])
                    })
            ),
        ])
    }

    static func counts(_ results: [ScenarioResult]) -> JSONValue {
        .object(
            Verdict.allCases.map { verdict in
                (verdict.rawValue.lowercased(), .integer(Int64(results.filter { $0.verdict == verdict }.count)))
            })
    }

    /// The waiver that decided the verdict, with what became of it; null when none did.
    static func knownDeviation(_ outcome: KnownDeviationOutcome?) -> JSONValue {
        guard let outcome else { return .null }
        return .object([
            ("status", .string(outcome.status.rawValue)),
            ("target", .string(outcome.deviation.target)),
            ("step", .integer(Int64(outcome.deviation.step))),
            ("reason", .string(outcome.deviation.reason)),
            ("reference", .optional(outcome.deviation.reference)),
            ("location", .string(outcome.deviation.location.description)),
        ])
    }

    static func step(_ step: StepResult, packets: [Int: ExchangedPacket]) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("number", .integer(Int64(step.number))),
            ("kind", .string(step.kind)),
            ("location", .string(step.location.description)),
            ("status", .string(step.status.rawValue)),
            ("start", .optional(step.start?.description)),
            ("end", .optional(step.end?.description)),
            ("packets", .array(step.packets.compactMap { packets[$0] }.map(Self.packet))),
        ]
        if !step.events.isEmpty {
            members.append(("events", .array(step.events.map { .string($0) })))
        }
        if let failure = step.failure {
            members.append(("failure", Self.failure(failure)))
        }
        if let note = step.note {
            members.append(("note", .string(note)))
        }
        return .object(members)
    }

    static func failure(_ failure: StepFailure) -> JSONValue {
        .object([
            ("message", .string(failure.message)),
            ("packet", failure.packetNumber.map { .integer(Int64($0)) } ?? .null),
            ("rfc", .array(failure.rfc.map { .string($0) })),
            (
                "mismatches",
                .array(
                    failure.mismatches.map { mismatch in
                        .object([
                            ("path", .string(mismatch.path)),
                            ("expected", .string(mismatch.expected)),
                            ("observed", .string(mismatch.observed)),
                            ("location", .optional(mismatch.location?.description)),
                        ])
                    })
            ),
        ])
    }

    static func packet(_ packet: ExchangedPacket) -> JSONValue {
        .object([
            ("number", .integer(Int64(packet.number))),
            ("direction", .string(packet.direction.rawValue)),
            ("from", .string(packet.packet.source.description)),
            ("to", .string(packet.packet.destination.description)),
            ("carriage", .string(packet.packet.carriage.description)),
            ("time", .string(packet.time.description)),
            ("time_ns", .unsigned(packet.time.nanoseconds)),
            ("chunks", .string(packet.chunkSummary)),
            ("disposition", .string(Self.disposition(packet.disposition))),
            ("hex", .string(FieldValueText.hex(packet.bytes))),
        ])
    }

    static func disposition(_ disposition: ExchangedPacket.Disposition) -> String {
        switch disposition {
        case .sent(let step): "sent by step \(step)"
        case .matched(let step): "matched step \(step)"
        case .ignored: "ignored"
        case .unexpected(let step): "unexpected at step \(step)"
        case .leftOver: "left over after the last step"
        case .unexamined: "unexamined"
        }
    }

    static func finding(_ finding: ScenarioFinding) -> JSONValue {
        .object([
            ("rule", .string(finding.rule)),
            ("section", .string(finding.section)),
            ("severity", .string(finding.severity.rawValue)),
            ("message", .string(finding.message)),
            ("packet", finding.packetNumber.map { .integer(Int64($0)) } ?? .null),
            ("time", .optional(finding.time?.description)),
            ("violator", .optional(finding.violator?.rawValue)),
            ("violator_endpoint", .optional(finding.violatorEndpoint)),
            ("association", finding.associationID.map { .integer(Int64($0)) } ?? .null),
            ("related_packets", .array(finding.relatedPackets.map { .integer(Int64($0)) })),
        ])
    }
}
