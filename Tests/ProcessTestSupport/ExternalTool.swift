import Foundation

/// Runs the independent decoders (tshark, scapy through python3) and the built `sctpconform`
/// binary as subprocesses, each with a time limit, output captured to files.
///
/// A missing tool skips its tests in a bare `swift test`; when the environment variable
/// `SCTPCONFORM_REQUIRE_TOOLS` is set (`scripts/test.sh`, the README's test command, sets it after
/// installing every tool) or `CI` is set, a missing tool fails them instead.
public enum ExternalTool {
    /// Whether every tool must be present: `SCTPCONFORM_REQUIRE_TOOLS` or `CI` is set.
    public static let isCI = Self.toolsRequired(in: ProcessInfo.processInfo.environment)

    /// Whether `environment` asks for every tool to be present.
    public static func toolsRequired(in environment: [String: String]) -> Bool {
        if let required = environment["SCTPCONFORM_REQUIRE_TOOLS"], !required.isEmpty, required != "0" {
            return true
        }
        return environment["CI"] != nil
    }

    /// The path of `name` in PATH, or nil.
    public static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }

    public static let tshark = Self.find("tshark")
    /// The python that runs scapy: `$SCTPCONFORM_PYTHON` when set (`scripts/test.sh` points it at the
    /// interpreter `scripts/install-system-packages.sh` installed scapy for), else python3 from PATH.
    public static let python: String? = {
        if let chosen = ProcessInfo.processInfo.environment["SCTPCONFORM_PYTHON"], !chosen.isEmpty {
            return FileManager.default.isExecutableFile(atPath: chosen) ? chosen : nil
        }
        return Self.find("python3")
    }()

    /// Whether python3 can import scapy (checked once).
    public static let hasScapy: Bool = {
        guard let python = Self.python else { return false }
        let result = try? Self.run(python, ["-c", "import scapy.layers.sctp"], timeout: 60)
        return result?.status == 0
    }()

    /// The built `sctpconform` executable next to the test bundle, or nil if it was not built.
    public static let sctpconform: String? = {
        let bundle = CommandLine.arguments.first ?? ""
        var directory = URL(fileURLWithPath: bundle).deletingLastPathComponent()
        // On macOS the bundle is a directory: <products>/X.xctest/Contents/MacOS/X.
        if directory.path.hasSuffix("/Contents/MacOS") {
            directory = directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        }
        let candidate = directory.appendingPathComponent("sctpconform").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }()

    public struct Result: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
        public var timedOut: Bool
    }

    /// Runs `executable` with `arguments`, kills it after `timeout` seconds.
    public static func run(
        _ executable: String, _ arguments: [String], timeout: TimeInterval = 120, stdin: String? = nil
    )
        throws -> Result
    {
        let scratch = TemporaryDirectory()
        defer { scratch.remove() }
        let outputPath = scratch.file("stdout")
        let errorPath = scratch.file("stderr")
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let error = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        defer {
            try? output.close()
            try? error.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = error
        let input = Pipe()
        process.standardInput = input
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
        }
        try? input.fileHandleForWriting.close()
        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
        }
        let standardOutput = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let standardError = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return Result(
            status: process.terminationStatus, standardOutput: standardOutput, standardError: standardError,
            timedOut: timedOut)
    }
}
