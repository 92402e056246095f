import CaptureCheck
import Foundation
import Rules

/// The JSON rendering of `sctpconform check`'s report (keys in snake case, sorted), for machines.

extension CheckReport {
    struct FindingJSON: Codable, Equatable {
        var rule: String
        var section: String
        var severity: String
        var packet: Int
        var timeNanoseconds: UInt64
        var violator: String
        var message: String
        var relatedPackets: [Int]
    }

    struct AssociationJSON: Codable, Equatable {
        var id: Int
        var endpoints: [String]
        var origin: String
        var firstPacket: Int
        var lastPacket: Int
        var packets: Int
        var states: [String]
        var restartPackets: [Int]
        var collisionPackets: [Int]
        var findings: [FindingJSON]
    }

    struct SummaryJSON: Codable, Equatable {
        var must: Int
        var should: Int
        var suspicious: Int
    }

    struct FileJSON: Codable, Equatable {
        var file: String
        var format: String?
        var frames: Int
        var sctpPackets: Int
        var unreadableFrames: Int
        var incompletePackets: Int
        var suppressedFindings: Int
        var readError: String?
        var checksums: String
        /// Endpoints whose every checksum was wrong (see `CheckReport.checksumOffloadHint`).
        var endpointsWithOnlyWrongChecksums: [String]
        var associations: [AssociationJSON]
        var unassociatedFindings: [FindingJSON]
        var summary: SummaryJSON
    }

    struct ReportJSON: Codable, Equatable {
        var files: [FileJSON]
        var summary: SummaryJSON
        var exitCode: Int32
    }

    /// The report as JSON (keys in snake case, sorted), for machines.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(self.jsonValue), let text = String(data: data, encoding: .utf8) else {
            return "{}\n"
        }
        return text + "\n"
    }

    var jsonValue: ReportJSON {
        var all: [Finding] = []
        let files = self.results.map { result -> FileJSON in
            let findings = self.findings(of: result)
            all += findings
            return FileJSON(
                file: result.name, format: result.format?.description, frames: result.frames,
                sctpPackets: result.sctpPackets, unreadableFrames: result.unreadableFrames,
                incompletePackets: result.incompletePackets, suppressedFindings: result.suppressedFindings,
                readError: result.readError, checksums: result.checksums.rawValue,
                endpointsWithOnlyWrongChecksums: result.endpointsWithOnlyWrongChecksums.map(\.description),
                associations: result.associations.map { association in
                    AssociationJSON(
                        id: association.id, endpoints: association.endpoints.map(\.description),
                        origin: association.origin.rawValue, firstPacket: association.firstPacket,
                        lastPacket: association.lastPacket, packets: association.packetCount,
                        states: association.states.map(\.rawValue), restartPackets: association.restartPackets,
                        collisionPackets: association.collisionPackets,
                        findings: findings.filter { $0.associationID == association.id }.map(Self.json))
                },
                unassociatedFindings: findings.filter { $0.associationID == nil }.map(Self.json),
                summary: self.summary(findings))
        }
        return ReportJSON(files: files, summary: self.summary(all), exitCode: self.exitCode)
    }

    private func summary(_ findings: [Finding]) -> SummaryJSON {
        let counts = self.counts(of: findings)
        return SummaryJSON(
            must: counts[.must, default: 0], should: counts[.should, default: 0],
            suspicious: counts[.suspicious, default: 0])
    }

    static func json(_ finding: Finding) -> FindingJSON {
        FindingJSON(
            rule: finding.ruleID, section: finding.section.description, severity: finding.severity.rawValue,
            packet: finding.packetNumber, timeNanoseconds: finding.time, violator: finding.violator.description,
            message: finding.message, relatedPackets: finding.relatedPackets)
    }
}
