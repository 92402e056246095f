import Captures
import NetworkLayers
import SCTPWire

/// Turns capture frames into output lines, and counts what it skipped.
///
/// The default text line is formatted straight into the output's byte buffer from the frame the
/// reader lends (no copy of the frame, no `String` per line); `--verbose` and `--json` work on an
/// owned copy of the frame.
struct CaptureDecoder {
    let extractor: SCTPExtractor
    let timeFormat: DecodeCommand.TimeFormat
    let verbose: Bool
    let json: Bool
    /// Frames seen so far.
    private(set) var frameCount = 0
    private var packetCount = 0
    private var firstTimestamp: CaptureTimestamp?
    /// Why frames were skipped, with how many each and the first frame number.
    private var skipped: [String: (count: Int, firstFrame: Int)] = [:]

    init(extractor: SCTPExtractor, timeFormat: DecodeCommand.TimeFormat, verbose: Bool, json: Bool) {
        self.extractor = extractor
        self.timeFormat = timeFormat
        self.verbose = verbose
        self.json = json
    }

    mutating func decode(_ frame: CaptureFrame, into output: BufferedOutput) {
        self.frameCount += 1
        if self.firstTimestamp == nil {
            self.firstTimestamp = frame.timestamp
        }
        let location: SCTPLocation
        do {
            switch try self.extractor.locate(in: frame.bytes, linkType: frame.linkType) {
            case .sctp(let found):
                location = found
            case .notSCTP(let reason):
                self.skip(reason.description)
                return
            }
        } catch {
            self.skip("malformed below SCTP (\(error))")
            return
        }
        self.packetCount += 1
        if self.json {
            let carried = CarriedSCTPPacket(frame: Array(frame.bytes), linkType: frame.linkType, location: location)
            output.appendLine { text in
                self.appendJSONLine(frame, carried, to: &text)
            }
            return
        }
        let sctp = UnsafeRawBufferPointer(rebasing: frame.bytes[location.sctpRange])
        output.appendLine { text in
            self.appendTextLine(frame.timestamp, location, sctp, to: &text)
        }
        if self.verbose {
            let carried = CarriedSCTPPacket(frame: Array(frame.bytes), linkType: frame.linkType, location: location)
            for line in self.verboseLines(frame, carried) {
                output.write("    " + line)
            }
        }
    }

    private mutating func skip(_ reason: String) {
        let entry = self.skipped[reason] ?? (0, self.frameCount)
        self.skipped[reason] = (entry.count + 1, entry.firstFrame)
    }

    /// `skipped 3 of 10 frames without an SCTP packet: 2 IP protocol 6, not SCTP (first: frame 4); ...`.
    func skippedNote() -> String? {
        guard !self.skipped.isEmpty else { return nil }
        let total = self.skipped.values.reduce(0) { $0 + $1.count }
        let parts = self.skipped.sorted { $0.value.firstFrame < $1.value.firstFrame }.map { reason, entry in
            "\(entry.count) \(reason) (first: frame \(entry.firstFrame))"
        }
        return "skipped \(total) of \(self.frameCount) frames without an SCTP packet: " + parts.joined(separator: "; ")
    }

    // MARK: Text

    /// `14:50:55.792111 IP 10.0.0.1.5000 > 10.0.0.2.7: sctp (1) [INIT] ...` and a newline: the time,
    /// the addresses with the SCTP ports (when captured), the UDP ports of an encapsulated packet,
    /// tcpdump's summary, and what is wrong with the checksum.
    private func appendTextLine(
        _ timestamp: CaptureTimestamp, _ location: SCTPLocation, _ sctp: UnsafeRawBufferPointer,
        to text: inout UTF8TextBuffer
    ) {
        self.appendTime(timestamp, to: &text)
        text.append(location.source.version == 4 ? " IP " : " IP6 ")
        Self.appendAddress(location.source, to: &text)
        if sctp.count >= 2 {
            text.append(ascii: UInt8(ascii: "."))
            text.append(decimal: UInt64(sctp[0]) << 8 | UInt64(sctp[1]))
        }
        text.append(" > ")
        Self.appendAddress(location.destination, to: &text)
        if sctp.count >= 4 {
            text.append(ascii: UInt8(ascii: "."))
            text.append(decimal: UInt64(sctp[2]) << 8 | UInt64(sctp[3]))
        }
        text.append(": ")
        if case .udpEncapsulated(let udpSource, let udpDestination) = location.carriage {
            text.append("udp-encap ")
            text.append(decimal: UInt64(udpSource))
            text.append(" > ")
            text.append(decimal: UInt64(udpDestination))
            text.append(": ")
        }
        TcpdumpSummary.append(sctp, to: &text)
        if location.missingBytes > 0 {
            // The CRC32c covers bytes the capture does not have: it can be neither confirmed nor refuted.
            text.append(" [")
            text.append(decimal: location.missingBytes)
            text.append(" bytes not captured, checksum not verifiable]")
        } else {
            switch SCTPChecksum.verify(sctp) {
            case .zero:
                text.append(" [zero checksum]")
            case .incorrect(let found, let expected):
                text.append(" [bad checksum 0x")
                text.append(hex: UInt64(found), width: 8)
                text.append(", expected 0x")
                text.append(hex: UInt64(expected), width: 8)
                text.append("]")
            case .correct, .none:
                break
            }
        }
        text.append(ascii: UInt8(ascii: "\n"))
    }

    /// `198.18.0.1` (formatted in place) or an IPv6 address's text.
    private static func appendAddress(_ address: IPAddress, to text: inout UTF8TextBuffer) {
        switch address {
        case .v4(let v4):
            let value = v4.rawValue
            text.append(decimal: UInt64(value >> 24))
            text.append(ascii: UInt8(ascii: "."))
            text.append(decimal: UInt64((value >> 16) & 0xFF))
            text.append(ascii: UInt8(ascii: "."))
            text.append(decimal: UInt64((value >> 8) & 0xFF))
            text.append(ascii: UInt8(ascii: "."))
            text.append(decimal: UInt64(value & 0xFF))
        case .v6(let v6):
            text.append(v6.description)
        }
    }

    /// The packet time in the chosen format, always with microseconds as tcpdump prints them.
    private func appendTime(_ timestamp: CaptureTimestamp, to text: inout UTF8TextBuffer) {
        let micros = UInt64(timestamp.nanoseconds / 1_000)
        switch self.timeFormat {
        case .clock:
            let ofDay = timestamp.seconds % 86_400
            text.append(decimal: ofDay / 3_600, width: 2)
            text.append(ascii: UInt8(ascii: ":"))
            text.append(decimal: ofDay / 60 % 60, width: 2)
            text.append(ascii: UInt8(ascii: ":"))
            text.append(decimal: ofDay % 60, width: 2)
        case .epoch:
            text.append(decimal: timestamp.seconds)
        case .relative:
            let start = self.firstTimestamp?.totalNanoseconds ?? 0
            let elapsed = timestamp.totalNanoseconds >= start ? timestamp.totalNanoseconds - start : 0
            text.append(decimal: elapsed / 1_000_000_000)
            text.append(ascii: UInt8(ascii: "."))
            text.append(decimal: elapsed % 1_000_000_000 / 1_000, width: 6)
            return
        }
        text.append(ascii: UInt8(ascii: "."))
        text.append(decimal: micros, width: 6)
    }

    private func verboseLines(_ frame: CaptureFrame, _ carried: CarriedSCTPPacket) -> [String] {
        var lines = [
            "frame: \(self.frameCount), \(frame.bytes.count) of \(frame.originalLength) bytes, "
                + "link type \(frame.linkType), time \(frame.timestamp)"
        ]
        switch carried.network {
        case .ipv4(let header):
            let checksum = carried.ipv4HeaderChecksumCorrect == true ? "correct" : "incorrect"
            lines.append(
                "ipv4: tos 0x\(String(header.typeOfService, radix: 16)), ttl \(header.timeToLive), "
                    + "id \(header.identification)\(header.dontFragment ? ", DF" : ""), length \(header.totalLength), "
                    + "header checksum \(checksum)")
        case .ipv6(let header, let chain):
            let extensions = chain.headers.isEmpty ? "" : ", extension headers \(chain.headers.map(\.type))"
            lines.append(
                "ipv6: traffic class 0x\(String(header.trafficClass, radix: 16)), flow label \(header.flowLabel), "
                    + "hop limit \(header.hopLimit), payload length \(header.payloadLength)\(extensions)")
        case .none:
            break
        }
        if case .udpEncapsulated(let source, let destination) = carried.carriage {
            lines.append("udp: \(source) > \(destination), checksum \(Self.describe(carried.udpChecksum))")
        }
        if carried.missingBytes > 0 {
            lines.append("sctp checksum: not verifiable (\(carried.missingBytes) bytes not captured)")
        } else {
            lines.append("sctp checksum: " + (SCTPChecksum.verify(carried.bytes).map { $0.description } ?? "absent"))
        }
        do {
            let packet = try SCTPPacket(decoding: carried.bytes)
            lines += FieldRecordText.verbose(packet).split(separator: "\n", omittingEmptySubsequences: false).map(
                String.init)
        } catch {
            lines.append("undecodable: \(error)")
        }
        lines += PacketLayout.lines(of: carried.bytes)
        return lines
    }

    // MARK: JSON

    /// One JSON object and a newline: where the packet was found and how it travelled, its checksum,
    /// the one-line summary, and the decoded packet. A packet that does not decode whole keeps its
    /// common header and the chunks before the damage, with `decode_error` beside them.
    private func appendJSONLine(_ frame: CaptureFrame, _ carried: CarriedSCTPPacket, to text: inout UTF8TextBuffer) {
        text.append("{\"frame\":")
        text.append(decimal: self.frameCount)
        text.append(",\"time\":\"")
        text.append(decimal: frame.timestamp.seconds)
        text.append(ascii: UInt8(ascii: "."))
        text.append(decimal: UInt64(frame.timestamp.nanoseconds), width: 9)
        text.append("\",\"captured_length\":")
        text.append(decimal: frame.bytes.count)
        text.append(",\"original_length\":")
        text.append(decimal: frame.originalLength)
        text.append(",\"link_type\":")
        text.append(decimal: UInt64(frame.linkType.rawValue))
        text.append(",\"ip_version\":")
        text.append(decimal: carried.source.version)
        text.append(",\"source\":\"")
        Self.appendAddress(carried.source, to: &text)
        text.append("\",\"destination\":\"")
        Self.appendAddress(carried.destination, to: &text)
        switch carried.carriage {
        case .ip:
            text.append("\",\"carriage\":\"ip\"")
        case .udpEncapsulated(let source, let destination):
            text.append("\",\"carriage\":\"udp\",\"udp_source_port\":")
            text.append(decimal: UInt64(source))
            text.append(",\"udp_destination_port\":")
            text.append(decimal: UInt64(destination))
            text.append(",\"udp_checksum\":")
            JSONStringLiteral.write(Self.describe(carried.udpChecksum), into: &text)
        }
        if let correct = carried.ipv4HeaderChecksumCorrect {
            text.append(correct ? ",\"ipv4_header_checksum\":\"correct\"" : ",\"ipv4_header_checksum\":\"incorrect\"")
        }
        text.append(",\"missing_bytes\":")
        text.append(decimal: carried.missingBytes)
        let bytes = carried.bytes
        if carried.missingBytes > 0 {
            // Cut short by the snapshot length: the CRC32c covers bytes the capture does not have.
            text.append(",\"checksum\":\"unverifiable\"")
        } else {
            switch SCTPChecksum.verify(bytes) {
            case .correct:
                text.append(",\"checksum\":\"correct\"")
            case .zero:
                text.append(",\"checksum\":\"zero\"")
            case .incorrect(let found, let expected):
                text.append(",\"checksum\":\"incorrect\",\"checksum_found\":")
                text.append(decimal: UInt64(found))
                text.append(",\"checksum_expected\":")
                text.append(decimal: UInt64(expected))
            case .none:
                text.append(",\"checksum\":\"absent\"")
            }
        }
        text.append(",\"summary\":\"")
        Self.appendSummaryEscaped(bytes, to: &text)
        text.append("\",\"packet\":")
        let decoded = PartiallyDecodedPacket(decoding: bytes)
        if let header = decoded.header {
            FieldRecordText.appendJSON(SCTPPacket(header: header, chunks: decoded.chunks).fieldRecord, to: &text)
        } else {
            text.append("null")
        }
        if let error = decoded.error {
            text.append(",\"decode_error\":{\"offset\":")
            text.append(decimal: error.offset)
            text.append(",\"chunk\":")
            if let number = decoded.failedChunkNumber {
                text.append(decimal: number)
            } else {
                text.append("null")
            }
            text.append(",\"message\":")
            JSONStringLiteral.write(error.description, into: &text)
            text.append("}")
        }
        text.append("}\n")
    }

    /// The one-line summary as the inside of a JSON string (SACK gap blocks put tabs and newlines in it).
    private static func appendSummaryEscaped(_ packet: [UInt8], to text: inout UTF8TextBuffer) {
        let start = text.count
        packet.withUnsafeBytes { TcpdumpSummary.append($0, to: &text) }
        let needsEscaping = text.bytes[start...].contains {
            $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\")
        }
        guard needsEscaping else { return }
        let summary = Array(text.bytes[start...])
        text.bytes.removeSubrange(start...)
        summary.withUnsafeBufferPointer { JSONStringLiteral.appendEscaped($0, into: &text) }
    }

    // MARK: Formatting

    private static func describe(_ status: UDPChecksumStatus?) -> String {
        switch status {
        case .correct: "correct"
        case .absent: "absent"
        case .incorrect(let found, let expected):
            "incorrect (found 0x\(String(found, radix: 16)), expected 0x\(String(expected, radix: 16)))"
        case .unverifiable: "unverifiable"
        case .none: "none"
        }
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        JSONStringLiteral.quoted(text)
    }
}
