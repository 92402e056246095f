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
///
/// Lines are formatted as UTF-8 bytes straight into one output buffer (`CaptureDecoder`,
/// `BufferedOutput`), from frames borrowed from the reader: no `String` and no frame copy per line.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode the SCTP packets of a pcap/pcapng capture.",
        discussion: """
            Reads Ethernet (with VLAN tags), raw IP, Linux cooked (SLL, SLL2), IPv4 and IPv6 link types; \
            SCTP directly over IP or UDP-encapsulated (RFC 6951, port 9899 and any --udp-port). The line after the addresses is what `tcpdump -n` prints for SCTP; a checksum \
            that is not the CRC32c of the packet is flagged at the end of the line, and a packet cut \
            short by the capture's snapshot length is marked as not verifiable.

            With --json, a packet that does not decode whole keeps its common header and the chunks \
            before the damage under "packet" (null only when the common header itself is cut short), with \
            "decode_error": {"offset":N,"chunk":N or null,"message":…} beside it, as the text line keeps \
            tcpdump's view of every chunk.

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
        do {
            // Frames are borrowed from the reader's buffer: a line is printed without copying its frame.
            try reader.forEachFrame { frame in
                decoder.decode(frame, into: output)
                return true
            }
        } catch {
            failure = error
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

