import CaptureCheck
import Captures
import Foundation
import NetworkLayers
import Rules
import Testing

/// Every rule of the catalogue, shown to work both ways: its violation is flagged with its id,
/// section and violator at the right packet, its near miss is not flagged, and both give the same
/// findings when written to a pcap file and checked as a capture.
@Suite struct RuleEvidenceTests {
    @Test func everyCatalogueRuleHasEvidenceAndNothingElseDoes() {
        let ids = RuleEvidence.all.map(\.id)
        let catalogue = Set(RuleCatalogue.all.map(\.id))
        #expect(Set(ids).count == ids.count, "an id appears twice: \(ids.sorted())")
        #expect(catalogue.subtracting(ids).sorted() == [], "rules without evidence")
        #expect(Set(ids).subtracting(catalogue).sorted() == [], "evidence for rules not in the catalogue")
    }

    @Test(arguments: RuleEvidence.all)
    func violationIsFlagged(_ evidence: RuleEvidence) throws {
        let rule = try #require(RuleCatalogue.rule(evidence.id))
        let conversation = evidence.run(evidence.violation)
        let found = conversation.findings
        let flagged = found.filter {
            $0.ruleID == evidence.id && ExpectedFinding($0) == evidence.expected
        }
        #expect(flagged.count == 1, "expected \(evidence.expected); got \(found.map(\.description))")
        if let finding = flagged.first {
            #expect(rule.sections.contains(finding.section))
            #expect(finding.severity == rule.severity)
            #expect(finding.violator == conversation.endpoint(evidence.expected.by))
        }
        #expect(
            expectedForm(found) == (evidence.violationAlso + [evidence.expected]).sorted(),
            "\(found.map(\.description).joined(separator: "\n"))")
        for finding in found {
            #expect(RuleCatalogue.rule(finding.ruleID)?.sections.contains(finding.section) == true, "\(finding)")
        }
    }

    @Test(arguments: RuleEvidence.all)
    func nearMissIsNotFlagged(_ evidence: RuleEvidence) {
        #expect(!evidence.nearMissAlso.contains { $0.id == evidence.id }, "the table expects the rule itself")
        let found = evidence.run(evidence.nearMiss).findings
        #expect(
            !found.contains { $0.ruleID == evidence.id },
            "\(evidence.nearMissNote): \(found.map(\.description).joined(separator: "\n"))")
        #expect(
            expectedForm(found) == evidence.nearMissAlso.sorted(),
            "\(found.map(\.description).joined(separator: "\n"))")
    }

    @Test(arguments: RuleEvidence.all)
    func capturesOnDiskGiveTheSameFindings(_ evidence: RuleEvidence) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sctpconform-evidence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (kind, script) in [("violation", evidence.violation), ("near-miss", evidence.nearMiss)] {
            let conversation = evidence.run(script)
            let path = directory.appendingPathComponent("\(evidence.id)-\(kind).pcap").path
            try Self.write(conversation.sent, to: path)
            let result = CaptureChecker.check(
                path: path, options: CaptureCheckOptions(configuration: evidence.configuration))
            #expect(result.readError == nil, "\(kind)")
            #expect(result.frames == conversation.sent.count, "\(kind)")
            #expect(result.sctpPackets == conversation.sent.count, "\(kind)")
            #expect(
                expectedForm(result.findings) == expectedForm(conversation.findings),
                "\(kind): \(result.findings.map(\.description).joined(separator: "\n"))")
            #expect(result.findings.map(\.section).sorted() == conversation.findings.map(\.section).sorted())
        }
    }

    /// The violation and near miss written to a capture and checked as `sctpconform check` checks it
    /// (its default options, the offline configuration): flagged and clean as the entry declares, or,
    /// for a rule that cannot fire offline, not flagged.
    @Test(arguments: RuleEvidence.all)
    func checkCommandJudgesAsDeclared(_ evidence: RuleEvidence) throws {
        let violation = try Self.checkedOffline(evidence.run(evidence.violation), name: "\(evidence.id)-violation")
        let nearMiss = try Self.checkedOffline(evidence.run(evidence.nearMiss), name: "\(evidence.id)-near-miss")
        #expect(!nearMiss.contains { $0.ruleID == evidence.id }, "near miss: \(nearMiss.map(\.description))")
        switch evidence.offline {
        case .flagged(let violationFindings, let nearMissFindings):
            let expectedViolation = violationFindings ?? (evidence.violationAlso + [evidence.expected])
            #expect(expectedViolation.contains(evidence.expected), "the table must expect the rule itself")
            #expect(
                expectedForm(violation) == expectedViolation.sorted(),
                "violation: \(violation.map(\.description).joined(separator: "\n"))")
            #expect(
                expectedForm(nearMiss) == (nearMissFindings ?? evidence.nearMissAlso).sorted(),
                "near miss: \(nearMiss.map(\.description).joined(separator: "\n"))")
            for finding in violation + nearMiss {
                #expect(RuleCatalogue.rule(finding.ruleID)?.sections.contains(finding.section) == true, "\(finding)")
            }
        case .cannotFire(let reason):
            #expect(!reason.isEmpty)
            #expect(
                !violation.contains { $0.ruleID == evidence.id },
                "declared unable to fire offline: \(violation.map(\.description))")
        }
    }

    /// A rule declared unable to fire offline fires on none of the evidence conversations, violations
    /// and near misses of every rule, checked as `sctpconform check` checks them.
    @Test func rulesDeclaredOfflineSilentNeverFireOffline() throws {
        let silent = Set(
            RuleEvidence.all.compactMap { evidence -> String? in
                if case .cannotFire = evidence.offline { return evidence.id }
                return nil
            })
        #expect(!silent.isEmpty)
        for evidence in RuleEvidence.all {
            for (kind, script) in [("violation", evidence.violation), ("near-miss", evidence.nearMiss)] {
                let found = try Self.checkedOffline(evidence.run(script), name: "\(evidence.id)-\(kind)")
                let fired = found.filter { silent.contains($0.ruleID) }
                #expect(fired.isEmpty, "\(evidence.id) \(kind): \(fired.map(\.description))")
            }
        }
    }

    /// The findings of `conversation` written to a pcap and checked with `sctpconform check`'s
    /// default options.
    static func checkedOffline(_ conversation: Conversation, name: String) throws -> [Finding] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sctpconform-offline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("\(name).pcap").path
        try Self.write(conversation.sent, to: path)
        let result = CaptureChecker.check(path: path)
        #expect(result.readError == nil, "\(name)")
        #expect(result.sctpPackets == conversation.sent.count, "\(name)")
        return result.findings
    }

    /// Writes `packets` as a raw-IPv4 pcap: A is 10.0.0.1, B 10.0.0.2, as in `Conversation`.
    static func write(_ packets: [SentPacket], to path: String) throws {
        let forward = SCTPEncapsulation(source: Self.addressA, destination: Self.addressB)
        let writer = try PcapWriter(path: path, linkType: .raw, precision: .nanoseconds)
        for packet in packets {
            let encapsulation = packet.from == .a ? forward : forward.reversed
            try writer.write(
                try encapsulation.ipPacket(wrapping: packet.bytes),
                timestamp: CaptureTimestamp(totalNanoseconds: packet.time))
        }
        try writer.finish()
    }

    static let addressA = IPAddress("10.0.0.1")!
    static let addressB = IPAddress("10.0.0.2")!
}
