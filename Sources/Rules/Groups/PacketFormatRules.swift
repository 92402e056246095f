import SCTPWire

/// Common header, chunk framing, padding and checksum (RFC 9260 §3, §3.2, §6.8; RFC 9653). Judged
/// on the raw bytes, so that lying lengths and non-zero padding, which typed decoding rejects or
/// hides, are seen.
enum PacketFormatRules {
    static let framing = RuleDescriptor(
        "packet.framing", family: .packet, sections: [.sctp("3"), .sctp("3.2")], severity: .must,
        statement: "A packet is a 12-byte common header and whole chunks: every chunk length is at least 4 "
            + "and ends inside the packet, and nothing but padding follows the last chunk.")
    static let paddingLength = RuleDescriptor(
        "packet.padding-length", family: .packet, sections: [.sctp("3.2")], severity: .must,
        statement: "Every chunk, the last one included, is followed by exactly the 0 to 3 padding bytes "
            + "that bring it to a multiple of 4 bytes.")
    static let paddingZero = RuleDescriptor(
        "packet.padding-zero", family: .packet, sections: [.sctp("3.2")], severity: .must,
        statement: "Padding bytes are zero.")
    /// RFC 9260 §3.2.1 says a parameter's sender pads it with zero bytes without making it a MUST
    /// (unlike a chunk's padding, §3.2), and the receiver must ignore those bytes; error causes use
    /// the same format (§3.3.10). So non-zero bytes there are a SHOULD-level finding.
    static let parameterPaddingZero = RuleDescriptor(
        "packet.parameter-padding-zero", family: .packet, sections: [.sctp("3.2.1"), .sctp("3.3.10")],
        severity: .should,
        statement: "Parameters and error causes are padded to a multiple of 4 bytes with zero bytes.")
    static let chunkLayout = RuleDescriptor(
        "packet.chunk-layout", family: .packet, sections: [.sctp("3.3")], severity: .must,
        statement: "Every chunk of a registered type has the layout its definition gives: fixed fields "
            + "present, lengths and counts consistent.")
    static let hasChunks = RuleDescriptor(
        "packet.has-chunks", family: .packet, sections: [.sctp("3")], severity: .suspicious,
        statement: "A packet carries at least one chunk.")
    static let checksum = RuleDescriptor(
        "packet.checksum", family: .packet, sections: [.sctp("6.8")], severity: .must,
        statement: "The checksum field holds the CRC32c of the packet.")
    static let zeroChecksum = RuleDescriptor(
        "packet.zero-checksum", family: .packet, sections: [RFCSection(rfc: 9653, "5.2"), .sctp("6.8")],
        severity: .must,
        statement: "A zero checksum goes only to a peer that announced Zero Checksum Acceptable in this "
            + "association, and never on a packet with an INIT.")
    static let checksumDiscard = RuleDescriptor(
        "packet.checksum-discard", family: .packet, sections: [.sctp("6.8")], severity: .must,
        statement: "A packet with a wrong checksum is discarded: nothing in it is acknowledged, answered "
            + "or acted on.")

    static let rules = [
        framing, paddingLength, paddingZero, parameterPaddingZero, chunkLayout, hasChunks, checksum, zeroChecksum, checksumDiscard,
    ]

    /// Judges what needs no association: header, framing, padding, layout, a wrong checksum.
    static func judge(_ view: PacketView, into findings: inout PacketFindings) {
        func report(_ rule: RuleDescriptor, _ message: String) {
            findings.report(rule, message)
        }
        guard view.header != nil else {
            report(Self.framing, "\(view.bytes.count) bytes, shorter than the 12-byte common header")
            return
        }
        if case .incorrect(let found, let expected) = view.checksum {
            report(
                Self.checksum,
                Self.checksumMessage(found: found, expected: expected, adler32: RFC2960Checksum.matches(view.bytes)))
        }
        let framingSound = Self.judgeFraming(view, report: report)
        if framingSound, let error = view.decodingError {
            report(Self.chunkLayout, "chunk \(view.chunks.count + 1) cannot be read: \(error)")
        }
    }

    /// Walks the chunks as raw bytes (the `RawChunk` rules, without building views); returns whether
    /// every chunk was framed soundly.
    private static func judgeFraming(_ view: PacketView, report: (RuleDescriptor, String) -> Void) -> Bool {
        let bytes = view.bytes
        let count = bytes.count
        if count == CommonHeader.length {
            report(Self.hasChunks, "the packet has no chunks")
            return true
        }
        var walk = RawChunkWalk(bytes)
        var index = 0
        while let chunk = walk.next() {
            index += 1
            guard chunk.isLengthSane else {
                Self.reportBrokenChunk(
                    bytes, at: chunk.offset, index: index, length: chunk.declaredLength, report: report)
                return false
            }
            let offset = chunk.offset
            let length = chunk.declaredLength
            let type = chunk.type
            let paddingStart = offset + length
            let padding = (4 - length % 4) % 4
            let paddingEnd = min(paddingStart + padding, count)
            if paddingEnd - paddingStart < padding {
                report(
                    Self.paddingLength,
                    "chunk \(index) (\(Self.name(type))) of length \(length) ends the packet with "
                        + "\(paddingEnd - paddingStart) of its \(padding) padding bytes")
            }
            var nonZero = false
            for position in paddingStart..<paddingEnd where bytes[position] != 0 {
                nonZero = true
            }
            if nonZero {
                let values = bytes[paddingStart..<paddingEnd].map { RuleText.hex8($0) }.joined(separator: " ")
                report(Self.paddingZero, "chunk \(index) (\(Self.name(type))) is padded with \(values)")
            }
            // The chunk registry's flat table, read in place (a copy would cost a retain per packet).
            if ChunkRegistry.tlvListOffsetByCode[Int(type.rawValue)] != 0 {
                Self.judgeTLVPadding(bytes, chunkAt: offset, chunk: index, type: type, report: report)
            }
        }
        if walk.endsInPartialHeader {
            Self.reportBrokenChunk(bytes, at: walk.offset, index: index + 1, length: 0, report: report)
            return false
        }
        return true
    }

    /// Where the parameters (or error causes) of a chunk of `type` start, counted from the chunk's
    /// first byte (the chunk registry's `tlvList`); nil for chunks that carry none at top level.
    @inline(__always)
    static func tlvListOffset(of type: ChunkType) -> Int? {
        ChunkRegistry.tlvListOffset(type)
    }

    /// Judges the padding between the parameters or error causes of the chunk at `offset` (its TLV
    /// list, `TLVListView`). The last one's padding may lie past the chunk's length, where it is the
    /// chunk's padding. Stops at a length that does not fit, which the layout rule reports.
    private static func judgeTLVPadding(
        _ bytes: [UInt8], chunkAt offset: Int, chunk index: Int, type: ChunkType,
        report: (RuleDescriptor, String) -> Void
    ) {
        guard let list = TLVListView(chunkIn: bytes, at: offset),
            let (position, element) = list.firstNonZeroPadding()
        else { return }
        let values = bytes[element.paddingRange].map { RuleText.hex8($0) }.joined(separator: " ")
        let what = type.registration?.tlvList?.elementName ?? "parameter"
        report(
            Self.parameterPaddingZero,
            "\(what) \(position) (type \(RuleText.hex16(element.type ?? 0))) of chunk \(index) (\(Self.name(type))) is "
                + "padded with \(values)")
    }

    private static func reportBrokenChunk(
        _ bytes: [UInt8], at offset: Int, index: Int, length: Int, report: (RuleDescriptor, String) -> Void
    ) {
        let rest = bytes[offset...]
        let remaining = rest.count
        let name = Self.name(ChunkType(bytes[offset]))
        if index > 1, rest.allSatisfy({ $0 == 0 }) {
            report(
                Self.paddingLength,
                "chunk \(index - 1) is followed by \(remaining) more zero bytes than the padding it needs")
        } else if remaining < 4 {
            report(
                Self.framing,
                "\(remaining) bytes after chunk \(index - 1) at offset \(offset) are too few for a chunk header")
        } else if length < 4 {
            report(
                Self.framing,
                "chunk \(index) (\(name)) at offset \(offset) declares length \(length), less than its 4-byte header")
        } else {
            report(
                Self.framing,
                "chunk \(index) (\(name)) at offset \(offset) declares length \(length), but only \(remaining) "
                    + "bytes remain")
        }
    }

    /// `checksum 0x…, the CRC32c is 0x…`, naming RFC 2960's Adler-32 when that is what the field holds.
    static func checksumMessage(found: UInt32, expected: UInt32, adler32: Bool) -> String {
        let message = "checksum \(RuleText.hex(found)), the CRC32c is \(RuleText.hex(expected))"
        return adler32 ? message + "; the field holds the packet's Adler-32 of RFC 2960 (Appendix B)" : message
    }

    /// A zero checksum on a packet of no association: no peer can have accepted it (RFC 9653).
    static func judgeZeroChecksumWithoutAssociation(_ view: PacketView, sink: inout FindingSink) {
        guard view.header != nil, view.checksum == .zero else { return }
        sink.report(
            Self.zeroChecksum, "zero checksum outside any association, so no peer accepted it", by: view.source,
            packet: view.number, time: view.time, association: nil)
    }

    /// Judges a zero checksum against what the receiver announced (RFC 9653).
    static func judgeZeroChecksum(_ context: PacketContext, _ association: AssociationState, sink: inout FindingSink) {
        guard context.view.checksum == .zero else { return }
        let receiver = association.sides[context.receiver]
        if context.view.contains(.initiation) {
            sink.report(Self.zeroChecksum, "zero checksum on a packet with an INIT", context)
        } else if !receiver.acceptsZeroChecksum(tag: context.tag) {
            sink.report(
                Self.zeroChecksum,
                "zero checksum, but \(receiver.endpoint) did not announce Zero Checksum Acceptable for tag "
                    + RuleText.hex(context.tag),
                context)
        }
    }

    static func name(_ type: ChunkType) -> String {
        type.name ?? type.description
    }
}
