import NetworkLayers
import SCTPWire
import Scenario

/// Matches packets from the SUT against an `expect` step: the addresses the step names, the common
/// header fields the step names (checksum, tag) and the association's ports, then the chunks, arranged
/// as the step says.
///
/// It matches; it does not judge. Whether the SUT's checksum, verification tag and chunk framing obey
/// RFC 9260 is the live rules' call (`packet.checksum-*`, `vtag.*`, `packet.*` findings, MUST-level
/// ones failing the scenario); an expectation looks at the checksum or the tag only when the step
/// names it (`checksum:`, `verification_tag:`).
struct ExpectationMatcher {
    var expectation: PacketExpectation
    var sutPort: UInt16
    var peerPort: UInt16
    /// The SUT address the packet must come from (`from:`), nil for any.
    var from: IPAddress?
    /// The harness address the packet must reach (`to:`), nil for any.
    var to: IPAddress?

    /// Matches one packet for the single-packet arrangements. Empty means it matched; the matcher's
    /// variables then hold the captures.
    func match(_ packet: DecodedPacket, _ matcher: inout PatternMatcher) -> [FieldMismatch] {
        var attempt = matcher
        var mismatches = self.matchHeader(packet, &attempt)
        let patterns = self.expectation.chunks
        switch self.expectation.arrangement {
        case .inOrder:
            guard packet.kinds.count == patterns.count,
                zip(patterns, packet.chunks).allSatisfy({ Self.kindMatches($0.0, $0.1) })
            else {
                return mismatches + [self.chunkListMismatch(packet)]
            }
            for (index, (pattern, chunk)) in zip(patterns, packet.chunks).enumerated() {
                mismatches += self.match(pattern, chunk, index: index, &attempt)
            }
        case .anyOrder, .contains, .anyOrderAcrossPackets:
            if self.expectation.arrangement != .contains, packet.chunks.count != patterns.count {
                return mismatches + [self.chunkListMismatch(packet)]
            }
            var search = ChunkAssignment(rows: patterns.count, columns: packet.chunks.count, matcher: attempt)
            let solution = search.solve(from: attempt) { row, column, trial in
                self.match(patterns[row], packet.chunks[column], index: column, &trial).isEmpty
            }
            attempt.absorbUnresolved(from: search.discarded)
            if let solution {
                attempt = solution.matcher
            } else {
                mismatches += self.explainUnassigned(packet, exhausted: search.exhausted, attempt)
            }
        }
        if mismatches.isEmpty {
            matcher = attempt
        } else {
            matcher.absorbUnresolved(from: attempt)
        }
        return mismatches
    }

    /// Why no assignment of distinct chunks to the patterns exists: each pattern against the chunks
    /// left after the earlier patterns took their first match (the mismatches of the first chunk of
    /// its kind, or the chunk list), or, if that finds one, that the search ran out of budget.
    private func explainUnassigned(
        _ packet: DecodedPacket, exhausted: Bool, _ matcher: PatternMatcher
    ) -> [FieldMismatch] {
        var attempt = matcher
        var mismatches: [FieldMismatch] = []
        var used = Set<Int>()
        for pattern in self.expectation.chunks {
            var best: [FieldMismatch]?
            var found = false
            for (index, chunk) in packet.chunks.enumerated() where !used.contains(index) {
                var trial = attempt
                let result = self.match(pattern, chunk, index: index, &trial)
                if result.isEmpty {
                    attempt = trial
                    used.insert(index)
                    found = true
                    break
                }
                if best == nil, Self.kindMatches(pattern, chunk) { best = result }
            }
            if !found {
                mismatches += best ?? [self.chunkListMismatch(packet)]
            }
        }
        if mismatches.isEmpty {
            let reason =
                exhausted
                ? "gave up after \(ChunkAssignment.budget) pairings" : "no way to give each pattern its own chunk"
            mismatches.append(
                FieldMismatch(
                    path: "chunks", expected: self.chunkListMismatch(packet).expected + ", each a different chunk",
                    observed: "[\(packet.chunkNames)] (\(reason))", location: self.expectation.chunks.first?.location))
        }
        return mismatches
    }

    /// For `across_packets`: matches every chunk of `packet` against a distinct pattern still `remaining`
    /// (removing those it uses). Empty means every chunk found its pattern. Within the packet the pairing
    /// backtracks (see `ChunkAssignment`); the patterns one packet takes are not reconsidered for later
    /// packets.
    func matchAcross(
        _ packet: DecodedPacket, remaining: inout [ChunkPattern], _ matcher: inout PatternMatcher
    )
        -> [FieldMismatch]
    {
        var attempt = matcher
        var mismatches = self.matchHeader(packet, &attempt)
        let left = remaining
        var search = ChunkAssignment(rows: packet.chunks.count, columns: left.count, matcher: attempt)
        let solution = search.solve(from: attempt) { row, column, trial in
            self.match(left[column], packet.chunks[row], index: row, &trial).isEmpty
        }
        attempt.absorbUnresolved(from: search.discarded)
        if let solution {
            attempt = solution.matcher
        } else {
            mismatches += self.explainAcross(packet, remaining: left, exhausted: search.exhausted, attempt)
        }
        if mismatches.isEmpty, let solution {
            matcher = attempt
            let taken = Set(solution.columns)
            remaining = left.enumerated().filter { !taken.contains($0.offset) }.map(\.element)
        } else {
            matcher.absorbUnresolved(from: attempt)
        }
        return mismatches
    }

    /// Why the chunks of `packet` cannot each take a different pattern of `remaining` (see
    /// `explainUnassigned`).
    private func explainAcross(
        _ packet: DecodedPacket, remaining: [ChunkPattern], exhausted: Bool, _ matcher: PatternMatcher
    ) -> [FieldMismatch] {
        var attempt = matcher
        var left = remaining
        var mismatches: [FieldMismatch] = []
        for (index, chunk) in packet.chunks.enumerated() {
            var matched = false
            var best: [FieldMismatch]?
            for (patternIndex, pattern) in left.enumerated() {
                var trial = attempt
                let result = self.match(pattern, chunk, index: index, &trial)
                if result.isEmpty {
                    attempt = trial
                    left.remove(at: patternIndex)
                    matched = true
                    break
                }
                if best == nil, Self.kindMatches(pattern, chunk) { best = result }
            }
            if !matched {
                mismatches +=
                    best ?? [
                        FieldMismatch(
                            path: "chunks[\(index)]",
                            expected: "one of the chunks still expected: "
                                + left.map(\.description).joined(separator: "; "),
                            observed: chunk.name, location: left.first?.location)
                    ]
            }
        }
        if mismatches.isEmpty {
            let reason =
                exhausted
                ? "gave up after \(ChunkAssignment.budget) pairings" : "no way to give each chunk its own pattern"
            mismatches.append(
                FieldMismatch(
                    path: "chunks",
                    expected: "each chunk one of the chunks still expected: "
                        + remaining.map(\.description).joined(separator: "; "),
                    observed: "[\(packet.chunkNames)] (\(reason))", location: remaining.first?.location))
        }
        return mismatches
    }

    // MARK: Parts

    private func matchHeader(_ packet: DecodedPacket, _ matcher: inout PatternMatcher) -> [FieldMismatch] {
        var mismatches: [FieldMismatch] = []
        if let from = self.from, packet.envelope.source != from {
            mismatches.append(
                FieldMismatch(
                    path: "from", expected: "a packet from \(from)", observed: "from \(packet.envelope.source)",
                    location: nil))
        }
        if let to = self.to, packet.envelope.destination != to {
            mismatches.append(
                FieldMismatch(
                    path: "to", expected: "a packet to \(to)", observed: "to \(packet.envelope.destination)",
                    location: nil))
        }
        let raw = RawPacket(packet.bytes)
        guard let header = raw.header else {
            return mismatches + [
                FieldMismatch(
                    path: "header", expected: "a 12-byte common header", observed: "\(packet.bytes.count) bytes",
                    location: nil)
            ]
        }
        if let wanted = self.expectation.checksum {
            mismatches += Self.matchChecksum(wanted, raw.checksumStatus)
        }
        if let pattern = self.expectation.verificationTag {
            mismatches += matcher.match(
                pattern.pattern, .unsigned(UInt64(header.verificationTag)), path: "header.verification_tag",
                location: pattern.location)
        }
        mismatches += self.matchPort(
            self.expectation.sourcePort, header.sourcePort, default: self.sutPort, path: "header.source_port", &matcher)
        mismatches += self.matchPort(
            self.expectation.destinationPort, header.destinationPort, default: self.peerPort,
            path: "header.destination_port", &matcher)
        return mismatches
    }

    /// The step's `checksum:` (`correct`, `zero`, `any`) against the packet's CRC32c.
    private static func matchChecksum(
        _ wanted: ChecksumExpectation, _ status: SCTPChecksum.Status?
    ) -> [FieldMismatch] {
        switch (wanted, status) {
        case (.any, _), (.correct, .correct?), (.zero, .zero?):
            return []
        case (let wanted, let status):
            let observed: String
            switch status {
            case .correct?: observed = "a correct CRC32c"
            case .zero?: observed = "zero"
            case .incorrect(let found, let expected)?:
                observed = "0x\(String(found, radix: 16)) (the CRC32c is 0x\(String(expected, radix: 16)))"
            case nil: observed = "absent"
            }
            return [
                FieldMismatch(
                    path: "header.checksum", expected: wanted == .zero ? "zero" : "a correct CRC32c (RFC 9260 §6.8)",
                    observed: observed, location: nil)
            ]
        }
    }

    private func matchPort(
        _ pattern: LocatedPattern?, _ port: UInt16, default expected: UInt16, path: String,
        _ matcher: inout PatternMatcher
    ) -> [FieldMismatch] {
        if let pattern {
            return matcher.match(pattern.pattern, .unsigned(UInt64(port)), path: path, location: pattern.location)
        }
        guard port != expected else { return [] }
        return [FieldMismatch(path: path, expected: String(expected), observed: String(port), location: nil)]
    }

    /// One chunk against one pattern: a typed record pattern, or `chunk:` against the raw header.
    func match(
        _ pattern: ChunkPattern, _ chunk: DecodedPacket.Chunk, index: Int, _ matcher: inout PatternMatcher
    )
        -> [FieldMismatch]
    {
        // Mismatch paths are made only when a mismatch is reported.
        func path() -> String { "chunks[\(index)].\(pattern.record.kind)" }
        var mismatches: [FieldMismatch] = []
        if pattern.record.kind == "chunk" {
            for field in pattern.record.fields {
                let value: FieldValue =
                    field.name == "type"
                    ? .unsigned(UInt64(chunk.raw.type.rawValue)) : .bytes(Array(chunk.raw.value))
                mismatches += matcher.match(
                    field.pattern, value, path: "\(path()).\(field.name)", location: field.location)
            }
            if let flags = pattern.flags {
                mismatches += matcher.match(
                    flags.pattern, .unsigned(UInt64(chunk.raw.flags)), path: "\(path()).flags",
                    location: flags.location)
            }
        } else {
            guard let record = chunk.record else {
                let observed =
                    chunk.kind == pattern.record.kind
                    ? "\(chunk.name) that does not decode: \(chunk.decodingError ?? "malformed")" : chunk.name
                return [
                    FieldMismatch(
                        path: path(), expected: pattern.record.kind, observed: observed, location: pattern.location)
                ]
            }
            mismatches += matcher.match(pattern.record, record, path: path())
        }
        if let length = pattern.length {
            mismatches += matcher.match(
                length.pattern, .unsigned(UInt64(chunk.raw.declaredLength)), path: "\(path()).length",
                location: length.location)
        }
        return mismatches
    }

    static func kindMatches(_ pattern: ChunkPattern, _ chunk: DecodedPacket.Chunk) -> Bool {
        pattern.record.kind == "chunk" || pattern.record.kind == chunk.kind
    }

    private func chunkListMismatch(_ packet: DecodedPacket) -> FieldMismatch {
        let expected = self.expectation.chunks.map(\.record.kind).joined(separator: ", ")
        let qualifier: String
        switch self.expectation.arrangement {
        case .inOrder: qualifier = ""
        case .anyOrder, .anyOrderAcrossPackets: qualifier = " (any order)"
        case .contains: qualifier = " (at least)"
        }
        return FieldMismatch(
            path: "chunks", expected: "[\(expected)]\(qualifier)", observed: "[\(packet.chunkNames)]",
            location: self.expectation.chunks.first?.location)
    }
}
