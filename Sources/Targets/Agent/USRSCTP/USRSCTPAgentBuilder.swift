import Foundation

/// Compiles the usrsctp agent (`sctpconform-usrsctp-agent.c`, threaded usrsctp on real sockets)
/// on first use into the per-user cache, beside the virtual-time helper: the same toolchain
/// (`USRSCTPHelperBuilder.locateToolchain`: a C compiler and Debian's static `libusrsctp.a`), the
/// same cache root, a key hashing the source, compiler, flags and library. Parallel builders never
/// corrupt the cache: each compiles to its own temporary name and renames it into place.
/// `SCTPCONFORM_USRSCTP_AGENT_SOURCE` overrides where the source is.
public enum USRSCTPAgentBuilder {
    static let sourceName = "sctpconform-usrsctp-agent.c"
    private static let lock = NSLock()

    /// The path of the built agent, compiling it first when the cache has none for this toolchain.
    public static func agentExecutable(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(TargetError) -> String {
        let toolchain = try USRSCTPHelperBuilder.locateToolchain(environment: environment).get()
        guard let source = Self.locateSource(environment: environment),
            let sourceBytes = FileManager.default.contents(atPath: source)
        else {
            throw .unavailable(
                reason: "the agent source \(Self.sourceName) is missing from the installation",
                hint: "set SCTPCONFORM_USRSCTP_AGENT_SOURCE to its path, or reinstall sctpconform")
        }
        let arguments = Self.compilerArguments(toolchain: toolchain, source: source)
        var hash = FNV1a64()
        hash.add(Array("sctpconform-usrsctp-agent/1".utf8))
        sourceBytes.withUnsafeBytes { hash.add($0) }
        hash.add(Array((toolchain.compiler + "\u{0}" + arguments.dropFirst().joined(separator: "\u{0}")).utf8))
        let attributes = try? FileManager.default.attributesOfItem(atPath: toolchain.library)
        hash.add(Array("\((attributes?[.size] as? NSNumber)?.uint64Value ?? 0)".utf8))
        let directory = "\(USRSCTPHelperBuilder.cacheRoot(environment: environment))/helpers/usrsctp-agent-"
            + String(hash.value, radix: 16)
        let final = "\(directory)/sctpconform-usrsctp-agent"
        Self.lock.lock()
        defer { Self.lock.unlock() }
        if FileManager.default.isExecutableFile(atPath: final) { return final }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .unavailable(reason: "cannot create the agent cache \(directory): \(error)",
                               hint: "set SCTPCONFORM_CACHE_DIR to a writable directory")
        }
        let temporary = "\(directory)/.sctpconform-usrsctp-agent.\(getpid()).tmp"
        defer { unlink(temporary) }
        let outcome: ToolRunner.Outcome
        do {
            outcome = try ToolRunner.run(
                path: toolchain.compiler, arguments: ["-o", temporary] + arguments, timeoutMilliseconds: 120_000)
        } catch {
            throw .unavailable(reason: "cannot run \(toolchain.compiler): \(error.message)",
                               hint: USRSCTPHelperBuilder.installHint)
        }
        guard outcome.succeeded else {
            throw .unavailable(
                reason: "compiling the usrsctp agent failed:\n" + String(outcome.output.suffix(4_000)),
                hint: USRSCTPHelperBuilder.installHint)
        }
        guard rename(temporary, final) == 0 else {
            throw .unavailable(reason: "cannot move the agent into \(final): \(String(cString: strerror(errno)))",
                               hint: "set SCTPCONFORM_CACHE_DIR to a writable directory")
        }
        return final
    }

    static func compilerArguments(toolchain: USRSCTPHelperBuilder.Toolchain, source: String) -> [String] {
        var arguments = ["-std=gnu11", "-O2", "-Wall"]
        if let include = toolchain.includeDirectory { arguments += ["-I", include] }
        return arguments + [source, toolchain.library, "-lpthread"]
    }

    /// `$SCTPCONFORM_USRSCTP_AGENT_SOURCE`, else beside the virtual-time helper's source (the resource
    /// bundle), else this source tree.
    static func locateSource(environment: [String: String]) -> String? {
        var candidates: [String] = []
        if let explicit = environment["SCTPCONFORM_USRSCTP_AGENT_SOURCE"] { candidates.append(explicit) }
        if let helper = USRSCTPHelperBuilder.locateSource(environment: environment) {
            candidates.append(URL(fileURLWithPath: helper).deletingLastPathComponent().path + "/" + Self.sourceName)
        }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/" + Self.sourceName)
        return candidates.first { FileManager.default.isReadableFile(atPath: $0) }
    }
}
