import Foundation
import ProcessTestSupport
import Targets
import Testing

/// The shipped scenarios of the handshake and the verification-tag, cookie, stream and shutdown
/// families against Debian's usrsctp over raw IP and over UDP encapsulation, each in network
/// namespaces the run makes and removes, through the command line as a user runs them; every pcap
/// decoded by tshark with CRC-32C checksums verified.
@Suite struct ExternalUSRSCTPTests {
    /// Scenario → expected verdict on a real-time usrsctp (the two long waits need virtual time).
    static let expected: [String: String] = [
        "handshake": "PASS", "vtag-wrong-abort": "PASS", "vtag-wrong-data": "PASS",
        "cookie-echo-retransmission": "PASS", "cookie-life-option": "SKIP", "cookie-stale": "SKIP",
        "cookie-tampered": "PASS", "cookie-wrong-tag": "PASS", "stream-negotiation": "PASS",
        "stream-negotiation-client": "PASS", "shutdown-ack-retransmit": "PASS", "shutdown-complete-closes": "PASS",
        "shutdown-outstanding": "PASS", "shutdown-received-outstanding": "PASS", "shutdown-retransmission": "PASS",
    ]

    /// Scenarios that time the stack's retransmission back-off on the wall clock: on a loaded machine
    /// (the whole suite runs tests in parallel on two cores) usrsctp's timer thread can be later than
    /// any tolerance, so these may also end in a FAIL, but only a timing one that names the tolerance.
    static let wallClockTimed: Set<String> = [
        "cookie-echo-retransmission", "shutdown-retransmission", "shutdown-ack-retransmit",
    ]

    /// Whether this machine can run the external targets; when the tools are required (CI), a
    /// missing piece is a failure, not a skip.
    static func ready() -> Bool {
        let unavailable = NamespacePair.unavailability()
        let binary = ExternalTool.sctpconform
        if unavailable == nil, binary != nil { return true }
        let reason = unavailable?.reason ?? "no sctpconform binary"
        #expect(!ExternalTool.isCI, "external usrsctp targets unusable: \(reason)")
        return false
    }

    /// The verdict word of each scenario's console line.
    static func verdicts(_ output: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2, ["PASS", "FAIL", "ERROR", "SKIP", "DEVIATION"].contains(String(fields[0])) else {
                continue
            }
            result[String(fields[1])] = String(fields[0])
        }
        return result
    }

    @Test(arguments: ["usrsctp-raw", "usrsctp-udp"])
    func scenarioFamiliesRunWithTheirVerdictsAndCorrectChecksums(_ target: String) throws {
        guard Self.ready(), let binary = ExternalTool.sctpconform else { return }
        let reports = TemporaryDirectory()
        defer { reports.remove() }
        let root = repositoryRoot()
        let files = Self.expected.keys.sorted().map { "\(root)/Scenarios/\($0).yaml" }
        let run = try ExternalTool.run(
            binary, ["run"] + files + ["--target", target, "--tolerance", "1s", "--reports", reports.path],
            timeout: 400)
        #expect(!run.timedOut)
        #expect(run.standardOutput.contains("target \(target): real time, tolerance 1s"))
        #expect(run.standardOutput.contains("real time, tolerance 1s, reports in"))
        let verdicts = Self.verdicts(run.standardOutput)
        for (scenario, verdict) in Self.expected.sorted(by: { $0.key < $1.key }) {
            if Self.wallClockTimed.contains(scenario) && verdicts[scenario] == "FAIL" {
                let line = run.standardOutput.split(separator: "\n").first {
                    $0.contains("(/") && $0.contains(scenario)
                }
                #expect(line?.contains("nothing matching arrived (real time: a tolerance of 1s was added") == true,
                        "\(scenario) on \(target):\n\(run.standardOutput)")
                continue
            }
            #expect(
                verdicts[scenario] == verdict, "\(scenario) on \(target):\n\(run.standardOutput)\n\(run.standardError)")
        }
        #expect(run.standardOutput.contains("lacks virtual-time: the scenario waits 65s in all"))
        #expect(run.status == (verdicts.values.allSatisfy { $0 != "FAIL" && $0 != "ERROR" } ? 0 : 1))
        // No namespace of this run is left.
        #expect(Self.leftoverNamespaces().isEmpty)

        guard let tshark = ExternalTool.tshark else {
            #expect(!ExternalTool.isCI, "tshark is required")
            return
        }
        for (scenario, verdict) in Self.expected where verdict == "PASS" {
            let udp = target == "usrsctp-udp"
            let decoded = try ExternalTool.run(
                tshark,
                ["-r", "\(reports.path)/\(scenario).pcap", "-o", "sctp.checksum:CRC-32C", "-V"]
                    + (udp ? ["-d", "udp.port==9899,sctp"] : []),
                timeout: 60)
            let lines = decoded.standardOutput.split(separator: "\n")
            let checksums = lines.filter { $0.contains("Checksum (CRC32C)") }
            #expect(!checksums.isEmpty, "\(scenario): no SCTP packet decoded")
            #expect(checksums.allSatisfy { $0.contains("[correct]") }, "\(scenario): \(checksums)")
            // The capture shows the carriage that was on the wire: every packet in UDP port 9899 to
            // 9899 (RFC 6951) over usrsctp-udp, none in UDP over raw IP.
            let datagrams = lines.filter { $0.hasPrefix("User Datagram Protocol") }
            if udp {
                #expect(datagrams.count == checksums.count, "\(scenario): \(datagrams.count) of \(checksums.count) in UDP")
                #expect(datagrams.allSatisfy { $0.contains("Src Port: 9899, Dst Port: 9899") }, "\(scenario): \(datagrams)")
            } else {
                #expect(datagrams.isEmpty, "\(scenario): \(datagrams)")
            }
        }
    }

    /// Namespaces made by sctpconform processes that are gone.
    static func leftoverNamespaces() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/var/run/netns")) ?? []
        return names.filter { name in
            guard name.hasPrefix("sctpc"), let dash = name.firstIndex(of: "-"),
                let pid = Int32(name[name.index(name.startIndex, offsetBy: 5)..<dash], radix: 16)
            else { return false }
            return kill(pid, 0) != 0
        }
    }
}
