import CaptureCheck
import Rules

/// The text rendering of `sctpconform check`'s report: findings grouped by association, with
/// packet numbers, for a terminal (the JSON one is `CheckReport+JSON.swift`).
extension CheckReport {
    /// Findings grouped by association, with packet numbers, for a terminal.
    public func text() -> String {
        var lines: [String] = []
        var all: [Finding] = []
        for result in self.results {
            let findings = self.findings(of: result)
            all += findings
            let format = result.format.map { "\($0); " } ?? ""
            lines.append(
                "\(result.name): \(format)\(result.frames) frames, \(result.sctpPackets) SCTP packets, "
                    + Self.plural(result.associations.count, "association"))
            for association in result.associations {
                let states = association.states.map(\.rawValue).joined(separator: " / ")
                var line =
                    "  association \(association.id): \(association.title), packets #\(association.firstPacket)"
                    + "-#\(association.lastPacket) (\(association.packetCount)), \(association.origin.rawValue), "
                    + "ended \(states)"
                if !association.restartPackets.isEmpty {
                    line += ", restarted in " + association.restartPackets.map { "#\($0)" }.joined(separator: ", ")
                }
                if !association.collisionPackets.isEmpty {
                    line +=
                        ", INIT collision settled in "
                        + association.collisionPackets.map { "#\($0)" }.joined(separator: ", ")
                }
                lines.append(line)
                lines += findings.filter { $0.associationID == association.id }.map(Self.render)
            }
            let loose = findings.filter { $0.associationID == nil }
            if !loose.isEmpty {
                lines.append("  not in an association:")
                lines += loose.map(Self.render)
            }
            if result.unreadableFrames > 0 {
                lines.append("  \(Self.plural(result.unreadableFrames, "frame")) with unreadable headers:")
                lines += result.unreadableFrameSamples.map { "    \($0)" }
            }
            if result.incompletePackets > 0 {
                lines.append(
                    "  \(Self.plural(result.incompletePackets, "packet")) cut short by the capture, not judged")
            }
            if result.suppressedFindings > 0 {
                lines.append(
                    "  \(Self.plural(result.suppressedFindings, "further finding")) not listed (limit per rule)")
            }
            if let error = result.readError {
                lines.append("  error: \(error)")
            }
            if let hint = Self.checksumOffloadHint(result) {
                lines.append("  hint: " + hint)
            }
        }
        let counts = self.counts(of: all)
        let summary = RuleSeverity.allCases.reversed().map { "\(counts[$0, default: 0]) \($0.label)" }
        lines.append("\(Self.plural(all.count, "finding")): " + summary.joined(separator: ", "))
        return lines.joined(separator: "\n") + "\n"
    }

    /// A hint when some endpoint got every checksum wrong: checksum offload, not a broken stack, is
    /// the likely cause, and its peer's findings follow from it.
    public static func checksumOffloadHint(_ result: CaptureCheckResult) -> String? {
        var hints: [String] = []
        let endpoints = result.endpointsWithOnlyWrongChecksums
        if !endpoints.isEmpty {
            let names = endpoints.map(\.description).joined(separator: ", ")
            hints.append(
                "every checksum sent by \(names) is wrong: the capture was probably taken on that host with "
                    + "checksum offload (the card fills checksums in after capture); check again with "
                    + "--checksums ignore")
        }
        let adler32 = result.endpointsWithOnlyWrongChecksums(adler32: true)
        if !adler32.isEmpty {
            let names = adler32.map(\.description).joined(separator: ", ")
            hints.append(
                "every checksum sent by \(names) is RFC 2960's Adler-32, not the CRC32c RFC 3309 made SCTP's "
                    + "checksum in 2002: a stack older than that (not checksum offload)")
        }
        return hints.isEmpty ? nil : hints.joined(separator: "; ")
    }

    static func render(_ finding: Finding) -> String {
        "    #\(finding.packetNumber)  \(finding.severity.label)  \(finding.ruleID)  \(finding.section)  "
            + "by \(finding.violator)\n      \(finding.message)"
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)" + (count == 1 ? "" : "s")
    }
}
