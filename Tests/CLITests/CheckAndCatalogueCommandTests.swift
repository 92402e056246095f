import Foundation
import NetworkLayers
import ProcessTestSupport
import Testing

/// `sctpconform check`, `rules` and `targets` as a user runs them.
@Suite("sctpconform check, rules, targets", .enabled(if: CLI.isBuilt, "the sctpconform binary was not built"))
struct CheckAndCatalogueCommandTests {
    static func fixture(_ name: String) -> String {
        repositoryRoot() + "/Tests/Fixtures/" + name
    }

    @Test("a clean interop capture exits 0 with no findings")
    func cleanCapture() throws {
        let result = try CLI.run(["check", Self.fixture("interop/aiortc-usrsctp-udp.pcap")])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("1 association"))
        #expect(CLI.lines(result.standardOutput).last == "0 findings: 0 MUST, 0 SHOULD, 0 SUSPICIOUS")
    }

    @Test("a MUST-level finding exits 1 and names the rule, section, packet and violator")
    func mustFindingExitsOne() throws {
        let path = Self.fixture("interop/pion-usrsctp-udp.pcap")
        let text = try CLI.run(["check", path])
        #expect(text.status == 1)
        #expect(
            text.standardOutput.contains(
                "#18  MUST  shutdown.cum-tsn-ack  RFC 9260 §3.3.8  by 127.0.0.1:5000/udp9901"))

        let json = try CLI.run(["check", "--json", path])
        #expect(json.status == 1)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["exit_code"] as? Int == 1)
        let file = try #require((object["files"] as? [[String: Any]])?.first)
        let association = try #require((file["associations"] as? [[String: Any]])?.first)
        let finding = try #require((association["findings"] as? [[String: Any]])?.first)
        #expect(finding["rule"] as? String == "shutdown.cum-tsn-ack")
        #expect(finding["packet"] as? Int == 18)

        // Filtering the rule away leaves nothing to fail on.
        let filtered = try CLI.run(["check", "--rules", "vtag", path])
        #expect(filtered.status == 0)
    }

    @Test("the seeds' Linux exchange (Scenarios/captures/linux-handshake.pcap) checks clean")
    func linuxSeedCaptureIsClean() throws {
        let result = try CLI.run(["check", repositoryRoot() + "/Scenarios/captures/linux-handshake.pcap"])
        #expect(result.status == 0, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("13 SCTP packets, 1 association"))
        #expect(result.standardOutput.contains("ended CLOSED / CLOSED"))
        #expect(CLI.lines(result.standardOutput).last == "0 findings: 0 MUST, 0 SHOULD, 0 SUSPICIOUS")
        #expect(!result.standardOutput.contains("hint:"))
    }

    @Test("one side's offloaded checksums: one SUSPICIOUS finding and a hint, --checksums ignore checks it clean")
    func offloadedChecksums() throws {
        let folder = TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("offloaded.pcap")
        let client = try #require(IPAddress("10.128.0.81"))
        let zeroed = try OffloadedCapture.write(
            from: repositoryRoot() + "/Scenarios/captures/linux-handshake.pcap", to: path, zeroingChecksumsOf: client)
        #expect(zeroed >= 2)

        // Its peer answered its packets: offload, reported once, not a MUST finding.
        let verified = try CLI.run(["check", path])
        #expect(verified.status == 0, "\(verified.standardOutput)")
        #expect(verified.standardOutput.contains("SUSPICIOUS  packet.zero-checksum"))
        #expect(CLI.lines(verified.standardOutput).last == "1 finding: 0 MUST, 0 SHOULD, 1 SUSPICIOUS")
        #expect(
            verified.standardOutput.contains(
                "hint: every checksum sent by 10.128.0.81:60002 is wrong: the capture was probably taken on that "
                    + "host with checksum offload"))
        #expect(verified.standardOutput.contains("--checksums ignore"))
        let json = try CLI.run(["check", "--json", path])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let file = try #require((object["files"] as? [[String: Any]])?.first)
        #expect(file["checksums"] as? String == "verify")
        #expect(file["endpoints_with_only_wrong_checksums"] as? [String] == ["10.128.0.81:60002"])

        let ignored = try CLI.run(["check", "--checksums", "ignore", path])
        #expect(ignored.status == 0, "\(ignored.standardOutput)")
        #expect(CLI.lines(ignored.standardOutput).last == "0 findings: 0 MUST, 0 SHOULD, 0 SUSPICIOUS")
        #expect(!ignored.standardOutput.contains("hint:"))

        let explicit = try CLI.run(["check", "--checksums", "verify", path])
        #expect(explicit.standardOutput == verified.standardOutput)
        let bad = try CLI.run(["check", "--checksums", "auto", path])
        #expect(bad.status == 2)
        // The parser checks the value (ChecksumVerification is an argument type).
        #expect(bad.standardError.contains("The value 'auto' is invalid for '--checksums"), "\(bad.standardError)")
    }

    @Test("--rule-threads changes nothing in the report, and a count out of range exits 2")
    func ruleThreads() throws {
        let path = Self.fixture("interop/pion-usrsctp-udp.pcap")
        let single = try CLI.run(["check", "--json", "--rule-threads", "1", path])
        let several = try CLI.run(["check", "--json", "--rule-threads", "4", path])
        #expect(single.status == 1 && several.status == 1)
        #expect(several.standardOutput == single.standardOutput)
        #expect(single.standardOutput.contains("shutdown.cum-tsn-ack"))
        for bad in ["0", "65"] {
            let result = try CLI.run(["check", "--rule-threads", bad, path])
            #expect(result.status == 2)
            #expect(result.standardError.contains("--rule-threads must be between 1 and 64, not \(bad)"))
            #expect(result.standardOutput.isEmpty)
        }
    }

    @Test("input that is not a capture exits 2 with the offset and reason")
    func notACapture() throws {
        let folder = TemporaryDirectory()
        defer { folder.remove() }
        let text = folder.file("notes.pcap")
        #expect(FileManager.default.createFile(atPath: text, contents: Data("id: x\n".utf8)))
        let result = try CLI.run(["check", text])
        #expect(result.status == 2)
        #expect(result.standardError.contains("offset 0: file header: not a pcap or pcapng file"))
        let missing = try CLI.run(["check", folder.file("absent.pcap")])
        #expect(missing.status == 2)
        let badOption = try CLI.run(["check", "--min-severity", "fatal", text])
        #expect(badOption.status == 2)
    }

    @Test("rules lists every rule once, and --markdown is the committed docs/rules.md")
    func rulesTable() throws {
        let result = try CLI.run(["rules"])
        #expect(result.status == 0)
        let ids = CLI.lines(result.standardOutput).compactMap { line -> String? in
            guard line.hasPrefix("  ") else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }
        #expect(ids.count >= 50)
        #expect(Set(ids).count == ids.count)
        for id in ["vtag.peer-tag", "cookie.echo-matches-offer", "streams.within-negotiated", "shutdown.cum-tsn-ack"] {
            #expect(ids.contains(id), "\(id)")
        }
        let markdown = try CLI.run(["rules", "--markdown"])
        #expect(markdown.status == 0)
        let committed = try String(contentsOfFile: repositoryRoot() + "/docs/rules.md", encoding: .utf8)
        #expect(markdown.standardOutput == committed, "regenerate with: sctpconform rules --markdown > docs/rules.md")
    }

    @Test("targets lists usrsctp with its capabilities")
    func targetsList() throws {
        let result = try CLI.run(["targets"])
        #expect(result.status == 0)
        let first = try #require(CLI.lines(result.standardOutput).first)
        #expect(first.hasPrefix("usrsctp "))
        #expect(first.contains("available") || first.contains("unavailable"))
        #expect(result.standardOutput.contains("capabilities: virtual-time, deterministic"))
    }
}
