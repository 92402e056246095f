import ArgumentParser
import CaptureCheck
import Foundation
import Reports
import Rules

/// `sctpconform check FILE...`: judges both sides of every association in pcap or pcapng captures
/// against the RFC rules (`sctpconform rules` lists them).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every SCTP association in a pcap or pcapng capture against the RFC rules.",
        discussion: """
            SCTP is found directly over IPv4/IPv6 and inside UDP (RFC 6951) on port 9899, on any --udp-port, \
            and on other UDP ports whose payload has a correct SCTP CRC32c (unless --no-udp-detection). \
            Findings are grouped by association with packet (frame) numbers. When an endpoint got every \
            checksum wrong, a hint says the capture was probably taken with checksum offload: check it \
            again with --checksums ignore (an endpoint whose wrong checksums its peer answered is reported \
            once, and its packets judged as received). Findings that packets missing from the capture \
            could explain are SUSPICIOUS, with the evidence of loss. Exit status: 0 no MUST-level \
            finding, 1 at least one MUST-level finding, 2 a file could not be read (after reporting what \
            could be read) or a bad option.
            """)

    @Argument(help: "pcap or pcapng files.")
    var files: [String]

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Option(
        help: ArgumentHelp(
            "Only report these rules: ids or families, comma-separated (e.g. vtag,shutdown.cum-tsn-ack).",
            valueName: "ids"))
    var rules: String?

    @Option(help: ArgumentHelp("Least severity reported.", valueName: "severity"))
    var minSeverity: RuleSeverity = .suspicious

    @OptionGroup var input: CaptureInputOptions

    @Flag(help: "Do not take UDP payloads with a valid SCTP checksum as SCTP on other ports.")
    var noUdpDetection = false

    @Option(
        help: ArgumentHelp(
            "verify: a wrong SCTP checksum is a finding and its packet one to discard; ignore: take every "
                + "checksum as correct (captures taken with checksum offload).",
            valueName: "verify|ignore"))
    var checksums: ChecksumVerification = .verify

    @Option(
        help: ArgumentHelp(
            "Rule engines run in parallel, each on the associations of its share of port pairs (default: one "
                + "per processor beside the reading thread, at most 8; the report does not depend on it).",
            valueName: "n"))
    var ruleThreads: Int?

    /// The `--rules` list, split and trimmed.
    private var ruleList: [String]? {
        self.rules.map {
            $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    func validate() throws {
        let unknown = FindingFilter(minimumSeverity: self.minSeverity, rules: self.ruleList).unknownRules()
        guard unknown.isEmpty else {
            throw ValidationError("unknown rule(s): \(unknown.joined(separator: ", ")) (see `sctpconform rules`)")
        }
        if let threads = self.ruleThreads, !(1...64).contains(threads) {
            throw ValidationError("--rule-threads must be between 1 and 64, not \(threads)")
        }
    }

    func run() throws {
        let filter = FindingFilter(minimumSeverity: self.minSeverity, rules: self.ruleList)
        var options = CaptureCheckOptions()
        if let threads = self.ruleThreads {
            options.ruleThreads = threads
        }
        options.udpEncapsulationPorts.formUnion(self.input.udpEncapsulationPorts)
        options.detectsUDPEncapsulationByChecksum = !self.noUdpDetection
        options.checksums = self.checksums
        let results = self.files.map { CaptureChecker.check(path: $0, options: options) }
        let report = CheckReport(results: results, filter: filter)
        print(self.json ? report.json() : report.text(), terminator: "")
        for result in results {
            if let error = result.readError {
                FileHandle.standardError.write(Data("sctpconform check: \(result.name): \(error)\n".utf8))
            }
        }
        let status = report.exitCode
        if status != 0 {
            throw ExitCode(status)
        }
    }
}
