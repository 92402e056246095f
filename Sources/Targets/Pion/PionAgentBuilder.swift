import Foundation

/// Finds what the pion agent needs (Debian's `go` and `golang-github-pion-sctp-dev`) and builds
/// `sctpconform-pion-agent.go` on first use into the per-user cache (the usrsctp helper's,
/// `USRSCTPHelperBuilder.cacheRoot`), once per combination of agent source, Go toolchain and pion
/// sources.
///
/// The build runs in GOPATH mode, `GO111MODULE=off GOPATH=<cache>/go:/usr/share/gocode`, with the Go
/// build cache inside the sctpconform cache. Concurrent builders never corrupt the cache: each builds
/// to its own temporary name and renames it into place; within one process the build runs once.
///
/// Environment overrides: `SCTPCONFORM_CACHE_DIR` (cache root), `SCTPCONFORM_GO` (the go command),
/// `SCTPCONFORM_GOCODE` (the GOPATH entry holding `src/github.com/pion/sctp`),
/// `SCTPCONFORM_PION_AGENT_SOURCE` (the agent source).
public enum PionAgentBuilder {
    /// What to do when something is missing.
    public static let installHint =
        "apt-get install golang-go golang-github-pion-sctp-dev (or run scripts/install-system-packages.sh)"

    /// The agent's file name, as a resource and as the built program.
    static let sourceName = "sctpconform-pion-agent.go"

    /// Where the pieces are.
    public struct Toolchain: Hashable, Sendable {
        public var go: String
        /// The GOPATH entry with `src/github.com/pion/sctp` (Debian: `/usr/share/gocode`).
        public var gocode: String
        public var source: String
    }

    /// Locates go, pion's sources and the agent source, or says what is missing.
    public static func locateToolchain(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Result<Toolchain, TargetError> {
        let files = FileManager.default
        let goNames = environment["SCTPCONFORM_GO"].map { [$0] } ?? ["go", "/usr/lib/go/bin/go"]
        guard let go = goNames.lazy.compactMap({ ToolRunner.findExecutable($0, environment: environment) }).first
        else {
            return .failure(.unavailable(
                reason: "no Go toolchain found (tried \(goNames.joined(separator: ", ")))", hint: Self.installHint))
        }
        let gocode = environment["SCTPCONFORM_GOCODE"] ?? "/usr/share/gocode"
        guard files.isReadableFile(atPath: "\(gocode)/src/github.com/pion/sctp/association.go") else {
            return .failure(.unavailable(
                reason: "pion/sctp's sources not found in \(gocode)/src/github.com/pion/sctp", hint: Self.installHint))
        }
        guard let source = Self.locateSource(environment: environment) else {
            return .failure(.unavailable(
                reason: "the agent source \(Self.sourceName) is missing from the installation",
                hint: "set SCTPCONFORM_PION_AGENT_SOURCE to its path, or reinstall sctpconform"))
        }
        return .success(Toolchain(go: go, gocode: gocode, source: source))
    }

    /// The path of a built agent, building it first if the cache has none for this toolchain.
    public static func agentExecutable(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(TargetError) -> String {
        let toolchain = try Self.locateToolchain(environment: environment).get()
        guard let source = FileManager.default.contents(atPath: toolchain.source) else {
            throw .unavailable(reason: "cannot read \(toolchain.source)", hint: Self.installHint)
        }
        let key = Self.cacheKey(toolchain: toolchain, source: Array(source))
        let root = USRSCTPHelperBuilder.cacheRoot(environment: environment)
        let final = "\(root)/helpers/pion-\(String(key, radix: 16))/sctpconform-pion-agent"
        Self.lock.lock()
        defer { Self.lock.unlock() }
        if FileManager.default.isExecutableFile(atPath: final) {
            return final
        }
        try Self.build(toolchain: toolchain, root: root, final: final)
        return final
    }

    private static let lock = NSLock()

    static func cacheKey(toolchain: Toolchain, source: [UInt8]) -> UInt64 {
        var hash = FNV1a64()
        hash.add(Array("sctpconform-pion-agent/1".utf8))
        hash.add(source)
        hash.add(Array(toolchain.go.utf8))
        for file in [toolchain.go, "\(toolchain.gocode)/src/github.com/pion/sctp/association.go"] {
            let attributes = try? FileManager.default.attributesOfItem(atPath: file)
            let size = (attributes?[.size] as? NSNumber)?.uint64Value ?? 0
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            hash.add(Array("\(file):\(size)/\(modified)".utf8))
        }
        return hash.value
    }

    static func build(toolchain: Toolchain, root: String, final: String) throws(TargetError) {
        let directory = (final as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: "\(root)/go", withIntermediateDirectories: true)
        } catch {
            throw .unavailable(
                reason: "cannot create the agent cache \(directory): \(error)",
                hint: "set SCTPCONFORM_CACHE_DIR to a writable directory")
        }
        let temporary = "\(directory)/.sctpconform-pion-agent.\(getpid()).tmp"
        defer { unlink(temporary) }
        let environment = [
            "GO111MODULE=off", "GOFLAGS=", "GOPATH=\(root)/go:\(toolchain.gocode)", "GOCACHE=\(root)/go-build",
            "HOME=\(root)", "PATH=/usr/local/bin:/usr/bin:/bin",
        ]
        let outcome: ToolRunner.Outcome
        do {
            outcome = try ToolRunner.run(
                path: "/usr/bin/env",
                arguments: environment + [toolchain.go, "build", "-o", temporary, toolchain.source],
                timeoutMilliseconds: 300_000)
        } catch {
            throw .unavailable(reason: "cannot run \(toolchain.go): \(error.message)", hint: Self.installHint)
        }
        guard outcome.succeeded else {
            let how = outcome.exit.map(\.description) ?? "overran 300 s and was killed"
            throw .unavailable(
                reason: "building the pion agent failed (go build \(how)):\n" + String(outcome.output.suffix(4_000)),
                hint: Self.installHint)
        }
        guard rename(temporary, final) == 0 else {
            throw .unavailable(
                reason: "cannot move the agent into \(final): \(String(cString: strerror(errno)))",
                hint: "set SCTPCONFORM_CACHE_DIR to a writable directory")
        }
    }

    /// The agent source: `$SCTPCONFORM_PION_AGENT_SOURCE`, else the package's resource bundle next to
    /// the running executable, else the source tree this was built from.
    static func locateSource(environment: [String: String]) -> String? {
        let files = FileManager.default
        var candidates: [String] = []
        if let explicit = environment["SCTPCONFORM_PION_AGENT_SOURCE"] { candidates.append(explicit) }
        let executableDirectory = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
            .resolvingSymlinksInPath().deletingLastPathComponent().path
        for base in [Bundle.main.bundleURL.path, executableDirectory] {
            let bundles = (try? files.contentsOfDirectory(atPath: base))?.filter { $0.hasSuffix("_Targets.resources") }
            for bundle in (bundles ?? []).sorted() {
                candidates.append("\(base)/\(bundle)/\(Self.sourceName)")
            }
        }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/" + Self.sourceName)
        return candidates.first { files.isReadableFile(atPath: $0) }
    }
}
