import ArgumentParser
import NetworkLayers

/// The options of every command that reads captures (`decode`, `check`), declared once and pulled
/// in with `@OptionGroup` so that they have one name, one default and one help text.
struct CaptureInputOptions: ParsableArguments {
    @Option(
        name: .customLong("udp-port"),
        help: ArgumentHelp(
            "Another UDP port carrying SCTP (RFC 6951) besides 9899; repeatable.", valueName: "port"))
    var udpPorts: [UInt16] = []

    /// The UDP ports whose payload is taken as SCTP: 9899 (RFC 6951 §5.1) and every `--udp-port`.
    var udpEncapsulationPorts: Set<UInt16> {
        Set(self.udpPorts).union([UDPHeader.sctpEncapsulationPort])
    }
}
