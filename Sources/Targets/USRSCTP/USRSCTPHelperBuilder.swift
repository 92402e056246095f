import Foundation

/// Finds what the usrsctp helper needs (a C compiler, Debian's static `libusrsctp.a`, its header)
/// and compiles `sctpconform-usrsctp.c` on demand into a per-user cache, once per combination of
/// source, library and compiler.
///
/// The cache key is an FNV-1a hash of the helper source, the compiler path, the flags and the
/// library's path, size and modification time, so editing the source or upgrading the library
/// rebuilds. Concurrent builders (parallel test processes) never corrupt the cache: each compiles
/// to its own temporary name and renames it into place atomically. Beside each helper lies the
/// FNV-1a hash of its bytes (`sctpconform-usrsctp.fnv1a64`): a helper that no longer matches it (a
/// damaged or overwritten file), or that does not start, is deleted and built again.
///
/// Environment overrides: `SCTPCONFORM_CACHE_DIR` (cache root), `SCTPCONFORM_USRSCTP_LIBRARY`
/// (path of `libusrsctp.a`), `SCTPCONFORM_USRSCTP_INCLUDE` (directory holding `usrsctp.h`),
/// `SCTPCONFORM_USRSCTP_SOURCE` (helper source, with the files it includes beside it), `CC` (compiler).
public enum USRSCTPHelperBuilder {
    /// What to do when something is missing.
    public static let installHint =
        "apt-get install libusrsctp-dev gcc (or run scripts/install-system-packages.sh)"

    /// Where the pieces are.
    public struct Toolchain: Hashable, Sendable {
        public var compiler: String
        public var library: String
        public var includeDirectory: String?
        public var source: String
    }

    static let libraryCandidates = [
        "/usr/lib/x86_64-linux-gnu/libusrsctp.a", "/usr/lib/aarch64-linux-gnu/libusrsctp.a",
        "/usr/lib64/libusrsctp.a", "/usr/local/lib/libusrsctp.a", "/usr/lib/libusrsctp.a",
    ]

    /// Locates compiler, library, header and source, or says what is missing.
    public static func locateToolchain(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Result<Toolchain, TargetError> {
        let files = FileManager.default
        let library = environment["SCTPCONFORM_USRSCTP_LIBRARY"].map { [$0] } ?? Self.libraryCandidates
        guard let libraryPath = library.first(where: { files.isReadableFile(atPath: $0) }) else {
            return .failure(.unavailable(
                reason: "libusrsctp.a not found (looked in \(library.joined(separator: ", ")))",
                hint: Self.installHint))
        }
        let include = environment["SCTPCONFORM_USRSCTP_INCLUDE"]
        let headerDirectories = include.map { [$0] } ?? ["/usr/include", "/usr/local/include"]
        guard headerDirectories.contains(where: { files.isReadableFile(atPath: "\($0)/usrsctp.h") }) else {
            return .failure(.unavailable(
                reason: "usrsctp.h not found (looked in \(headerDirectories.joined(separator: ", ")))",
                hint: Self.installHint))
        }
        let compilerNames = environment["CC"].map { [$0] } ?? ["cc", "gcc", "clang"]
        guard let compiler = compilerNames.lazy.compactMap({ ToolRunner.findExecutable($0, environment: environment) })
            .first
        else {
            return .failure(.unavailable(
                reason: "no C compiler found (tried \(compilerNames.joined(separator: ", ")))",
                hint: Self.installHint))
        }
        guard let source = Self.locateSource(environment: environment) else {
            return .failure(.unavailable(
                reason: "the helper source sctpconform-usrsctp.c is missing from the installation",
                hint: "set SCTPCONFORM_USRSCTP_SOURCE to its path, or reinstall sctpconform"))
        }
        return .success(Toolchain(
            compiler: compiler, library: libraryPath, includeDirectory: include, source: source))
    }

    /// The path of a built helper, compiling it first if the cache has none for this toolchain.
    public static func helperExecutable(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(TargetError) -> String {
        let toolchain = try Self.locateToolchain(environment: environment).get()
        var sourceBytes: [UInt8] = []
        let directory = URL(fileURLWithPath: toolchain.source).deletingLastPathComponent()
        for path in [toolchain.source] + Self.includedSources.map({ directory.appendingPathComponent($0).path }) {
            do {
                sourceBytes += Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                throw .unavailable(reason: "cannot read \(path): \(error)", hint: Self.installHint)
            }
        }
        let key = Self.cacheKey(toolchain: toolchain, source: sourceBytes)
        let entry = "\(Self.cacheRoot(environment: environment))/\(String(key, radix: 16))"
        return try BuildCache.shared.path(for: entry) { () throws(TargetError) -> String in
            try Self.build(toolchain: toolchain, key: key, environment: environment)
        }
    }

    /// The files `sctpconform-usrsctp.c` #includes from its own directory (one concern each): they
    /// are part of the cache key.
    static let includedSources = [
        "sctpconform-usrsctp-timers.c", "sctpconform-usrsctp-ceiling.c", "sctpconform-usrsctp-hooks.c",
        "sctpconform-usrsctp-channel.c", "sctpconform-usrsctp-fuzz.c", "sctpconform-usrsctp-hmac.c",
    ]

    /// Compiler arguments, except the output path.
    static func compilerArguments(toolchain: Toolchain) -> [String] {
        var arguments = ["-std=gnu11", "-O2", "-Wall"]
        if let include = toolchain.includeDirectory { arguments += ["-I", include] }
        arguments += [
            toolchain.source, toolchain.library, "-lpthread",
            // usrsctp reads time only through gettimeofday and randomness only through
            // syscall(SYS_getrandom): both answered by the helper (virtual clock, seeded generator).
            "-Wl,--wrap=gettimeofday", "-Wl,--wrap=syscall",
            // Every callout start and stop, so the helper knows the next due timer.
            "-Wl,--wrap=sctp_os_timer_start", "-Wl,--wrap=sctp_os_timer_stop",
            // Every HMAC computation from another object file, so the same ones are computed once.
            "-Wl,--wrap=sctp_hmac", "-Wl,--wrap=sctp_hmac_m",
        ]
        return arguments
    }

    static func cacheKey(toolchain: Toolchain, source: [UInt8]) -> UInt64 {
        var hash = FNV1a64()
        hash.add(Array("sctpconform-usrsctp/1".utf8))
        hash.add(source)
        hash.add(Array(toolchain.compiler.utf8))
        hash.add(Array(Self.compilerArguments(toolchain: toolchain).joined(separator: "\u{0}").utf8))
        let attributes = try? FileManager.default.attributesOfItem(atPath: toolchain.library)
        let size = (attributes?[.size] as? NSNumber)?.uint64Value ?? 0
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        hash.add(Array("\(size)/\(modified)".utf8))
        return hash.value
    }

    /// The cache root: `$SCTPCONFORM_CACHE_DIR`, else `$XDG_CACHE_HOME/sctpconform`, else
    /// `~/.cache/sctpconform`, else a per-user directory under the temporary directory.
    static func cacheRoot(environment: [String: String]) -> String {
        if let explicit = environment["SCTPCONFORM_CACHE_DIR"], !explicit.isEmpty { return explicit }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return "\(xdg)/sctpconform" }
        if let home = environment["HOME"], !home.isEmpty { return "\(home)/.cache/sctpconform" }
        return NSTemporaryDirectory() + "sctpconform-cache-\(getuid())"
    }

    static func build(
        toolchain: Toolchain, key: UInt64, environment: [String: String]
    ) throws(TargetError) -> String {
        let hex = String(key, radix: 16)
        let directory = "\(Self.cacheRoot(environment: environment))/helpers/usrsctp-\(hex)"
        let final = "\(directory)/sctpconform-usrsctp"
        if FileManager.default.isExecutableFile(atPath: final) {
            if Self.matchesStoredHash(final) { return final }
            Self.discard(final)
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .unavailable(reason: "cannot create the helper cache \(directory): \(error)",
                               hint: "set SCTPCONFORM_CACHE_DIR to a writable directory")
        }
        let temporary = "\(directory)/.sctpconform-usrsctp.\(getpid()).\(BuildCache.shared.nextSerial()).tmp"
        defer { unlink(temporary) }
        let outcome: ToolRunner.Outcome
        do {
            outcome = try ToolRunner.run(
                path: toolchain.compiler,
                arguments: ["-o", temporary] + Self.compilerArguments(toolchain: toolchain),
                timeoutMilliseconds: 120_000)
        } catch {
            throw .unavailable(reason: "cannot run \(toolchain.compiler): \(error.message)", hint: Self.installHint)
        }
        guard outcome.succeeded else {
            let how = outcome.exit.map(\.description) ?? "overran 120 s and was killed"
            throw .unavailable(
                reason: "compiling the usrsctp helper failed (\(toolchain.compiler) \(how)):\n"
                    + String(outcome.output.suffix(4_000)),
                hint: Self.installHint)
        }
        let hashTemporary = temporary + ".fnv1a64"
        defer { unlink(hashTemporary) }
        guard let hash = Self.contentHash(temporary),
            FileManager.default.createFile(atPath: hashTemporary, contents: Data(hash.utf8)),
            rename(hashTemporary, Self.hashPath(final)) == 0
        else {
            throw .unavailable(reason: "cannot record the helper's hash beside \(final)",
                               hint: "set SCTPCONFORM_CACHE_DIR to a writable directory")
        }
        guard rename(temporary, final) == 0 else {
            throw .unavailable(reason: "cannot move the helper into \(final): \(String(cString: strerror(errno)))",
                               hint: "set SCTPCONFORM_CACHE_DIR to a writable directory")
        }
        return final
    }

    /// Where the hash of the helper at `path` is kept.
    static func hashPath(_ path: String) -> String { path + ".fnv1a64" }

    /// The FNV-1a hash of a file's bytes, in hex; nil if it cannot be read.
    static func contentHash(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var hash = FNV1a64()
        data.withUnsafeBytes { hash.add($0) }
        return String(hash.value, radix: 16)
    }

    /// Whether the helper at `path` still has the bytes it was built with (checked once per
    /// unchanged file: size, modification time and inode are remembered).
    static func matchesStoredHash(_ path: String) -> Bool {
        guard let stamp = FileStamp(path) else { return false }
        if BuildCache.shared.isVerified(path, stamp) { return true }
        guard let stored = FileManager.default.contents(atPath: Self.hashPath(path)),
            let actual = Self.contentHash(path), String(decoding: stored, as: UTF8.self) == actual,
            FileStamp(path) == stamp
        else { return false }
        BuildCache.shared.noteVerified(path, stamp)
        return true
    }

    /// Deletes a cached helper (and its hash) that is damaged or would not start, so the next
    /// `helperExecutable` builds it again.
    public static func discard(_ path: String) {
        BuildCache.shared.forget(path)
        unlink(path)
        unlink(Self.hashPath(path))
    }

    /// The helper source: `$SCTPCONFORM_USRSCTP_SOURCE`, else the package's resource bundle next to
    /// the running executable (where SwiftPM puts it), else the source tree this was built from.
    /// (It does not use `Bundle.module`, whose accessor traps when the bundle is missing.)
    static func locateSource(environment: [String: String]) -> String? {
        let files = FileManager.default
        var candidates: [String] = []
        if let explicit = environment["SCTPCONFORM_USRSCTP_SOURCE"] { candidates.append(explicit) }
        let executableDirectory = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
            .resolvingSymlinksInPath().deletingLastPathComponent().path
        for base in [Bundle.main.bundleURL.path, executableDirectory] {
            // SwiftPM names the bundle "<package>_Targets.resources".
            let bundles = (try? files.contentsOfDirectory(atPath: base))?.filter { $0.hasSuffix("_Targets.resources") }
            for bundle in (bundles ?? []).sorted() {
                candidates.append("\(base)/\(bundle)/sctpconform-usrsctp.c")
            }
        }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/sctpconform-usrsctp.c")
        return candidates.first { files.isReadableFile(atPath: $0) }
    }
}

/// Built helper paths by cache key, shared by every target in this process so parallel tests
/// compile at most once (the lock is held during the build; later callers wait and reuse it).
private final class BuildCache: @unchecked Sendable {
    static let shared = BuildCache()

    private let lock = NSLock()
    private var paths: [String: String] = [:]
    private var serial = 0

    func nextSerial() -> Int {
        self.lock.lock()
        defer { self.lock.unlock() }
        self.serial += 1
        return self.serial
    }

    /// `entry` names the cache root and the key: two cache roots never share a memo.
    func path(for entry: String, build: () throws(TargetError) -> String) throws(TargetError) -> String {
        self.buildLock.lock()
        defer { self.buildLock.unlock() }
        self.lock.lock()
        let known = self.paths[entry]
        self.lock.unlock()
        if let known, FileManager.default.isExecutableFile(atPath: known),
            USRSCTPHelperBuilder.matchesStoredHash(known)
        {
            return known
        }
        let built = try build()
        self.lock.lock()
        self.paths[entry] = built
        self.lock.unlock()
        return built
    }

    private let buildLock = NSLock()
    /// Helpers whose hash matched, with the file's stamp at that time.
    private var verified: [String: FileStamp] = [:]

    func isVerified(_ path: String, _ stamp: FileStamp) -> Bool {
        self.lock.lock()
        defer { self.lock.unlock() }
        return self.verified[path] == stamp
    }

    func noteVerified(_ path: String, _ stamp: FileStamp) {
        self.lock.lock()
        defer { self.lock.unlock() }
        self.verified[path] = stamp
    }

    func forget(_ path: String) {
        self.lock.lock()
        defer { self.lock.unlock() }
        self.verified[path] = nil
        self.paths = self.paths.filter { $0.value != path }
    }
}

/// What identifies one version of a file without reading it.
struct FileStamp: Hashable {
    var size: Int64
    var modified: Int64
    var modifiedNanoseconds: Int64
    var inode: UInt64

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.size = Int64(info.st_size)
        self.modified = Int64(info.st_mtim.tv_sec)
        self.modifiedNanoseconds = Int64(info.st_mtim.tv_nsec)
        self.inode = UInt64(info.st_ino)
    }
}

/// 64-bit FNV-1a: a cache key, not a security measure.
struct FNV1a64 {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func add(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { self.add($0) }
    }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            self.value ^= UInt64(byte)
            self.value &*= 0x0000_0100_0000_01B3
        }
        // A separator, so ("ab", "c") and ("a", "bc") hash differently.
        self.value ^= 0xff
        self.value &*= 0x0000_0100_0000_01B3
    }
}
