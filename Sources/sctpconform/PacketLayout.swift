import SCTPWire

/// The framing of an SCTP packet as sent, for `decode --verbose`: each chunk's declared length and
/// padding (RFC 9260 §3.2), the parameters and error causes inside it with theirs (§3.2.1,
/// §3.3.10), and for a chunk type or parameter type this module does not recognize, the action its
/// two high bits ask of a receiver (§3.2, §3.2.1). The typed field records leave all of that out,
/// since an encoder computes it.
///
/// Works on the raw bytes and never traps: a length that lies ends the walk at that element.
enum PacketLayout {
    /// `layout:` followed by one line per chunk and, indented under it, one per parameter or cause.
    static func lines(of packet: [UInt8]) -> [String] {
        var lines = ["layout:"]
        for (index, chunk) in RawPacket(packet).chunks.enumerated() {
            lines.append("  chunk \(index + 1): " + Self.describe(chunk))
            guard chunk.isLengthSane, let (start, kind) = Self.elements(in: chunk.type) else { continue }
            let value = chunk.valueRange
            guard value.count >= start else { continue }
            Self.appendTLVs(packet, from: value.lowerBound + start, to: value.upperBound, kind: kind, into: &lines)
        }
        return lines
    }

    /// `INIT (1), flags 0x00, length 36, padding 0` or, for a type this module does not recognize,
    /// `type 0x55, flags 0x80, length 9, padding 3, unrecognized: stop and report (type bits 01)`.
    static func describe(_ chunk: RawChunk) -> String {
        guard chunk.isHeaderComplete else {
            return "\(chunk.availableLength) bytes, too short for a chunk header"
        }
        let type = chunk.type
        var text = type.isKnown ? type.description : "type \(Self.hex(UInt64(type.rawValue), digits: 2))"
        text += ", flags \(Self.hex(UInt64(chunk.flags), digits: 2)), length \(chunk.declaredLength)"
        if chunk.isLengthSane {
            text += ", " + Self.padding(chunk.padding, expected: chunk.expectedPaddingLength)
        } else {
            text += " (does not fit the \(chunk.availableLength) bytes left)"
        }
        if !type.isKnown {
            let action = UnrecognizedChunkAction(chunkType: type.rawValue)
            text += ", unrecognized: \(action) (type bits \(Self.bits(type.rawValue >> 6)))"
        }
        return text
    }

    /// What a chunk type carries as TLVs (the chunk registry's `tlvList`): the offset of the first in
    /// the chunk value, and whether they are parameters or error causes.
    private static func elements(in type: ChunkType) -> (start: Int, kind: TLVListLayout.Element)? {
        type.registration?.tlvList.map { ($0.valueOffset, $0.element) }
    }

    /// One line per TLV in `bytes[start..<end]` (walked by `TLVListView`); stops at the first that
    /// does not fit.
    private static func appendTLVs(
        _ bytes: [UInt8], from start: Int, to end: Int, kind: TLVListLayout.Element, into lines: inout [String]
    ) {
        for (index, element) in TLVListView(bytes, from: start, to: end).enumerated() {
            guard let type = element.type, let declared = element.declaredLength else {
                lines.append("    \(end - element.offset) trailing bytes, too short for a header")
                return
            }
            let length = Int(declared)
            var text: String
            switch kind {
            case .parameters:
                let parameterType = ParameterType(type)
                text =
                    "    parameter \(index + 1): "
                    + (parameterType.isKnown ? parameterType.description : "type \(Self.hex(UInt64(type), digits: 4))")
            case .errorCauses:
                let code = ErrorCauseCode(type)
                text =
                    "    cause \(index + 1): "
                    + (code.isKnown ? code.description : "code \(Self.hex(UInt64(type), digits: 4))")
            }
            text += ", length \(length)"
            guard element.isLengthSane else {
                lines.append(text + " (does not fit the \(end - element.offset) bytes left)")
                return
            }
            // The last TLV's padding is the chunk's (the chunk length leaves it out, RFC 9260 §3.2).
            let expected = element.offset + length == end ? 0 : (4 - length % 4) % 4
            text += ", " + Self.padding(bytes[element.paddingRange], expected: expected)
            if kind == .parameters, !ParameterType(type).isKnown {
                let action = UnrecognizedParameterAction(parameterType: type)
                text += ", unrecognized: \(action) (type bits \(Self.bits(UInt8(type >> 14))))"
            }
            lines.append(text)
        }
    }

    /// `padding 0`, `padding 3`, `padding 2 of 3 (cut short)`, with the bytes when not all zero.
    private static func padding(_ bytes: ArraySlice<UInt8>, expected: Int) -> String {
        var text = "padding \(bytes.count)"
        if bytes.count < expected {
            text += " of \(expected) (missing)"
        }
        if bytes.contains(where: { $0 != 0 }) {
            text += " (not zero: \(bytes.map { Self.hex(UInt64($0), digits: 2) }.joined(separator: " ")))"
        }
        return text
    }

    private static func bits(_ value: UInt8) -> String {
        String(value >> 1 & 1) + String(value & 1)
    }

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
