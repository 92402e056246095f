import ArgumentParser
import Captures
import NetworkLayers
import SCTPWire

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `sctpconform decode FILE`: prints the SCTP packets of a pcap or pcapng capture, one line each
/// in tcpdump's style, every field with `--verbose`, or one JSON object per line with `--json`.
///
/// Frames that hold no SCTP packet (other protocols, IP fragments, malformed lower layers) are
/// skipped and counted in a note on stderr. A truncated or corrupt file prints every packet
/// before the damage, then the error with its file offset on stderr, and exits with status 2;
/// with `--json` the error is also the last line on stdout, a JSON error record.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode the SCTP packets of a pcap/pcapng capture.",
        discussion: """
            Reads Ethernet (with VLAN tags), raw IP, Linux cooked (SLL, SLL2), IPv4 and IPv6 link types; \
            SCTP directly over IP or UDP-encapsulated (RFC 6951, port 9899 and any --udp-port). The line after the addresses is what `tcpdump -n` prints for SCTP; a checksum \
            that is not the CRC32c of the packet is flagged at the end of the line, and a packet cut \
            short by the capture's snapshot length is marked as not verifiable.

            Exit status: 0 the file was read to its end, 2 the file could not be opened or is \
            truncated or corrupt (the packets before the damage are still printed). With --json the \
            last line is then an error record, {"error":{"message":…,"offset":N or null,"frames":N}}, \
            where offset is the file offset of the damage (null when the file could not be opened) and \
            frames the number of frames read before it; the message also goes to stderr.
            """)

    /// How packet times are printed.
    enum TimeFormat: String, ExpressibleByArgument, CaseIterable {
        /// `14:50:55.792111`, the UTC time of day (as `TZ=UTC tcpdump` prints it).
        case clock
        /// `1595515855.792111`, seconds since the epoch (or since the start of a harness run).
        case epoch
        /// `0.000466`, seconds since the first packet.
        case relative
    }

    @Argument(help: "A pcap or pcapng file.")
    var file: String

    @Flag(name: .shortAndLong, help: "Print every field of every packet after its line.")
    var verbose = false

    @Flag(help: "Print one JSON object per packet instead of text lines.")
    var json = false

    @Option(help: "How to print packet times: clock (UTC time of day), epoch or relative.")
    var timeFormat: TimeFormat = .clock

    @OptionGroup var input: CaptureInputOptions

    func validate() throws {
        if self.json && self.verbose {
            throw ValidationError("--json already holds every field; use it without --verbose")
        }
    }

    func run() throws {
        let output = BufferedOutput()
        var decoder = CaptureDecoder(
            extractor: SCTPExtractor(udpEncapsulationPorts: self.input.udpEncapsulationPorts), timeFormat: self.timeFormat,
            verbose: self.verbose, json: self.json)
        let reader: CaptureReader
        do {
            reader = try CaptureReader(path: self.file)
        } catch {
            if self.json {
                output.write(Self.jsonErrorRecord(message: "\(self.file): \(error)", offset: nil, frames: 0))
            }
            output.flush()
            Self.printError("\(self.file): \(error)")
            throw ExitCode(2)
        }
        var failure: CaptureError?
        while true {
            do {
                guard let record = try reader.next() else { break }
                decoder.decode(record, into: output)
            } catch {
                failure = error
                break
            }
        }
        if let failure, self.json {
            output.write(
                Self.jsonErrorRecord(
                    message: "\(self.file): \(failure)", offset: failure.offset, frames: decoder.frameCount))
        }
        output.flush()
        if let note = decoder.skippedNote() {
            Self.printError(note, prefix: "note")
        }
        if let failure {
            Self.printError("\(self.file): \(failure) (after \(decoder.frameCount) good frames)")
            throw ExitCode(2)
        }
    }

    /// `{"error":{"message":"…","offset":123,"frames":5}}`: the last line of `--json` output when the
    /// file could not be read to its end (offset null when it could not be opened at all).
    static func jsonErrorRecord(message: String, offset: Int?, frames: Int) -> String {
        let offsetText = offset.map(String.init) ?? "null"
        return
            "{\"error\":{\"message\":\(CaptureDecoder.quoted(message)),\"offset\":\(offsetText),\"frames\":\(frames)}}"
    }

    static func printError(_ message: String, prefix: String = "error") {
        BufferedOutput.writeAll("sctpconform: \(prefix): \(message)\n", to: STDERR_FILENO)
    }
}

/// Writes text to stdout through one buffer, so that a million lines cost a few hundred writes.
final class BufferedOutput {
    private var buffer = ""

    func write(_ line: String) {
        self.buffer += line
        self.buffer += "\n"
        if self.buffer.utf8.count >= 1 << 16 {
            self.flush()
        }
    }

    func flush() {
        Self.writeAll(self.buffer, to: STDOUT_FILENO)
        self.buffer = ""
    }

    /// Writes all of `text` to a file descriptor (stdout or stderr), retrying short writes; gives
    /// up silently if the reader has gone (a closed pipe).
    static func writeAll(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = writeToDescriptor(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}

/// The C `write`, out of reach of `BufferedOutput.write`.
private func writeToDescriptor(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// Turns capture records into output lines, and counts what it skipped.
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

    mutating func decode(_ record: CaptureRecord, into output: BufferedOutput) {
        self.frameCount += 1
        if self.firstTimestamp == nil {
            self.firstTimestamp = record.timestamp
        }
        let carried: CarriedSCTPPacket
        do {
            switch try self.extractor.extract(frame: record.bytes, linkType: record.linkType) {
            case .sctp(let packet):
                carried = packet
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
            output.write(self.jsonLine(record, carried))
            return
        }
        output.write(self.textLine(record, carried))
        if self.verbose {
            for line in self.verboseLines(record, carried) {
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

    private func textLine(_ record: CaptureRecord, _ carried: CarriedSCTPPacket) -> String {
        let family = carried.source.version == 4 ? "IP" : "IP6"
        let ports = (carried.sctpSourcePort, carried.sctpDestinationPort)
        let source = ports.0.map { "\(carried.source).\($0)" } ?? carried.source.description
        let destination = ports.1.map { "\(carried.destination).\($0)" } ?? carried.destination.description
        var line = "\(self.time(record.timestamp)) \(family) \(source) > \(destination): "
        if case .udpEncapsulated(let udpSource, let udpDestination) = carried.carriage {
            line += "udp-encap \(udpSource) > \(udpDestination): "
        }
        line += TcpdumpSummary.line(for: carried.bytes)
        if carried.missingBytes > 0 {
            // The CRC32c covers bytes the capture does not have: it can be neither confirmed nor refuted.
            return line + " [\(carried.missingBytes) bytes not captured, checksum not verifiable]"
        }
        switch SCTPChecksum.verify(carried.bytes) {
        case .zero:
            line += " [zero checksum]"
        case .incorrect(let found, let expected):
            line += " [bad checksum \(Self.hex(found)), expected \(Self.hex(expected))]"
        case .correct, .none:
            break
        }
        return line
    }

    private func verboseLines(_ record: CaptureRecord, _ carried: CarriedSCTPPacket) -> [String] {
        var lines = [
            "frame: \(self.frameCount), \(record.bytes.count) of \(record.originalLength) bytes, "
                + "link type \(record.linkType), time \(record.timestamp)"
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

    private func jsonLine(_ record: CaptureRecord, _ carried: CarriedSCTPPacket) -> String {
        var fields: [(String, String)] = [
            ("frame", String(self.frameCount)),
            ("time", Self.quoted(record.timestamp.description)),
            ("captured_length", String(record.bytes.count)),
            ("original_length", String(record.originalLength)),
            ("link_type", String(record.linkType.rawValue)),
            ("ip_version", String(carried.source.version)),
            ("source", Self.quoted(carried.source.description)),
            ("destination", Self.quoted(carried.destination.description)),
        ]
        switch carried.carriage {
        case .ip:
            fields.append(("carriage", Self.quoted("ip")))
        case .udpEncapsulated(let source, let destination):
            fields.append(("carriage", Self.quoted("udp")))
            fields.append(("udp_source_port", String(source)))
            fields.append(("udp_destination_port", String(destination)))
            fields.append(("udp_checksum", Self.quoted(Self.describe(carried.udpChecksum))))
        }
        if let correct = carried.ipv4HeaderChecksumCorrect {
            fields.append(("ipv4_header_checksum", Self.quoted(correct ? "correct" : "incorrect")))
        }
        fields.append(("missing_bytes", String(carried.missingBytes)))
        if carried.missingBytes > 0 {
            // Cut short by the snapshot length: the CRC32c covers bytes the capture does not have.
            fields.append(("checksum", Self.quoted("unverifiable")))
        } else {
            switch SCTPChecksum.verify(carried.bytes) {
            case .correct:
                fields.append(("checksum", Self.quoted("correct")))
            case .zero:
                fields.append(("checksum", Self.quoted("zero")))
            case .incorrect(let found, let expected):
                fields.append(("checksum", Self.quoted("incorrect")))
                fields.append(("checksum_found", String(found)))
                fields.append(("checksum_expected", String(expected)))
            case .none:
                fields.append(("checksum", Self.quoted("absent")))
            }
        }
        fields.append(("summary", Self.quoted(TcpdumpSummary.line(for: carried.bytes))))
        do {
            let packet = try SCTPPacket(decoding: carried.bytes)
            fields.append(("packet", FieldRecordText.json(packet.fieldRecord)))
        } catch {
            fields.append(("packet", "null"))
            fields.append(
                ("decode_error", "{\"offset\":\(error.offset),\"message\":\(Self.quoted(error.description))}"))
        }
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    // MARK: Formatting

    /// The packet time in the chosen format, always with microseconds as tcpdump prints them.
    private func time(_ timestamp: CaptureTimestamp) -> String {
        let micros = Self.pad(Int(timestamp.nanoseconds / 1_000), 6)
        switch self.timeFormat {
        case .clock:
            let ofDay = Int(timestamp.seconds % 86_400)
            let (hours, minutes, seconds) = (ofDay / 3_600, ofDay / 60 % 60, ofDay % 60)
            return "\(Self.pad(hours, 2)):\(Self.pad(minutes, 2)):\(Self.pad(seconds, 2)).\(micros)"
        case .epoch:
            return "\(timestamp.seconds).\(micros)"
        case .relative:
            let start = self.firstTimestamp?.totalNanoseconds ?? 0
            let elapsed = timestamp.totalNanoseconds >= start ? timestamp.totalNanoseconds - start : 0
            return "\(elapsed / 1_000_000_000).\(Self.pad(Int(elapsed % 1_000_000_000 / 1_000), 6))"
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }

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
