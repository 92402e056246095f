import ArgumentParser

/// `sctpconform decode FILE`: prints the SCTP packets of a capture (work in progress).
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "decode", abstract: "Decode a pcap/pcapng capture.")

    @Argument(help: "A pcap or pcapng file.")
    var file: String

    func run() throws {
        throw ValidationError("decode is not implemented yet")
    }
}
