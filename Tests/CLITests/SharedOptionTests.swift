import Foundation
import ProcessTestSupport
import Testing

/// Issue 11, item 18: options shared through `@OptionGroup`, values the parser checks, and no
/// command that exits by itself.
@Suite("CLI options", .enabled(if: CLI.isBuilt, "the sctpconform binary was not built"))
struct SharedOptionTests {
    /// The help of `option` in `command --help` (its line in OPTIONS and the wrapped lines after
    /// it), trimmed lines joined by single spaces.
    static func helpEntry(_ command: String, _ option: String) throws -> String {
        let help = try CLI.run([command, "--help"]).standardOutput
        let lines = CLI.lines(help).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let options = lines.firstIndex(of: "OPTIONS:"),
            let start = lines[options...].firstIndex(where: { $0.hasPrefix(option + " ") })
        else { return "" }
        var entry = [lines[start]]
        for line in lines[(start + 1)...] {
            if line.isEmpty || line.hasPrefix("-") { break }
            entry.append(line)
        }
        return entry.joined(separator: " ").split(separator: " ").joined(separator: " ")
    }

    @Test("--udp-port is one option with one help text in decode and check")
    func udpPortDeclaredOnce() throws {
        let decode = try Self.helpEntry("decode", "--udp-port")
        let check = try Self.helpEntry("check", "--udp-port")
        #expect(!decode.isEmpty)
        #expect(decode == check, "decode: \(decode)\ncheck: \(check)")
    }

    @Test("--checksums and --min-severity list their values and the parser rejects others")
    func parserCheckedValues() throws {
        let checksums = try Self.helpEntry("check", "--checksums")
        #expect(checksums.contains("values: verify, ignore"), "\(checksums)")
        let severity = try Self.helpEntry("check", "--min-severity")
        #expect(severity.contains("values: suspicious, should, must"), "\(severity)")

        let bad = try CLI.run(["check", "--min-severity", "fatal", "absent.pcap"])
        #expect(bad.status == 2)
        #expect(bad.standardError.contains("The value 'fatal' is invalid for '--min-severity"), "\(bad.standardError)")
        #expect(bad.standardOutput.isEmpty)
        let upper = try CLI.run(["check", "--min-severity", "MUST", "--json", "absent.pcap"])
        #expect(!upper.standardError.contains("invalid"), "\(upper.standardError)")
    }

    @Test("a run with an unknown target fails with status 2 and its reason, through main")
    func commandFailureExitsTwo() throws {
        let result = try CLI.run(["run", "--target", "nosuch", repositoryRoot() + "/Scenarios/handshake.yaml"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("unknown target 'nosuch'"), "\(result.standardError)")
    }

    /// Commands throw; only `SCTPConform.main` ends the process — and the signal watcher of `run`
    /// (`RunInterruption`), which ends it with 128 + the signal after stopping the helpers, from its own
    /// thread, where no command is on the stack to throw through; likewise `fuzz`'s (`FuzzInterruption`)
    /// on a second signal.
    @Test func onlyMainExits() throws {
        let folder = repositoryRoot() + "/Sources/sctpconform"
        var offenders: [String] = []
        for name in try FileManager.default.subpathsOfDirectory(atPath: folder)
        where name.hasSuffix(".swift") && name != "SCTPConform.swift" && name != "RunInterruption.swift"
            && name != "FuzzInterruption.swift"
        {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            for line in text.split(separator: "\n") where line.contains("exit(") {
                offenders.append("\(name): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }
}
