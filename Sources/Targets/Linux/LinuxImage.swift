import Foundation

/// The Linux test VM's kernel and initramfs, built by `scripts/build-linux-image.sh` from Debian
/// packages (the cloud kernel with its SCTP, virtio and UDP-tunnel modules, busybox-static, the
/// agent `sctpconform-linux-agent.c`, the seeds' tools) into the cache, keyed by the package
/// versions and the sources: the first use builds it (tens of seconds, a download), later uses
/// find it (a few seconds for the version lookup; once per process).
///
/// Environment: `SCTPCONFORM_LINUX_IMAGE` (an image folder to use as it is),
/// `SCTPCONFORM_LINUX_IMAGE_SCRIPT` (the build script), and what the script reads
/// (`SCTPCONFORM_CACHE_DIR`, `SCTPCONFORM_LINUX_KERNEL_PACKAGE`, ...).
public struct LinuxImage: Hashable, Sendable {
    /// The folder holding `vmlinuz`, `initramfs.cpio.gz` and `manifest.txt`.
    public var folder: String

    public var kernel: String { "\(self.folder)/vmlinuz" }
    public var initramfs: String { "\(self.folder)/initramfs.cpio.gz" }
    public var manifest: String { "\(self.folder)/manifest.txt" }

    /// What to do when something is missing.
    public static let installHint =
        "apt-get install qemu-system-x86 busybox-static cpio gcc (or run scripts/install-system-packages.sh)"

    public init(folder: String) {
        self.folder = folder
    }

    /// The image for this machine's packages and sources, built first if the cache has none.
    public static func locateOrBuild(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(TargetError) -> LinuxImage {
        if let explicit = environment["SCTPCONFORM_LINUX_IMAGE"], !explicit.isEmpty {
            let image = LinuxImage(folder: explicit)
            guard image.isComplete else {
                throw .unavailable(reason: "SCTPCONFORM_LINUX_IMAGE=\(explicit) holds no vmlinuz and initramfs.cpio.gz",
                                   hint: "unset it to build the image with scripts/build-linux-image.sh")
            }
            return image
        }
        guard let script = Self.locateScript(environment: environment) else {
            throw .unavailable(reason: "scripts/build-linux-image.sh is missing from the installation",
                               hint: "set SCTPCONFORM_LINUX_IMAGE_SCRIPT to its path")
        }
        return try ImageMemo.shared.image(for: script) { () throws(TargetError) -> LinuxImage in
            try Self.build(script: script)
        }
    }

    /// Whether the kernel and initramfs are there.
    public var isComplete: Bool {
        let files = FileManager.default
        return files.isReadableFile(atPath: self.kernel) && files.isReadableFile(atPath: self.initramfs)
    }

    /// The package versions and build time the script recorded.
    public var manifestText: String {
        (try? String(contentsOfFile: self.manifest, encoding: .utf8)) ?? ""
    }

    /// The kernel package and version (`linux-image-6.1.0-57-cloud-amd64 6.1.192-3`), if recorded.
    public var kernelPackage: String? {
        self.manifestText.split(separator: "\n").first { $0.hasPrefix("package linux-image-") }
            .map { String($0.dropFirst("package ".count)) }
    }

    /// Runs the build script (bounded: 15 minutes, most of it a first download).
    static func build(script: String) throws(TargetError) -> LinuxImage {
        let outcome: ToolRunner.Outcome
        do {
            outcome = try ToolRunner.run(path: "/bin/bash", arguments: [script], timeoutMilliseconds: 900_000)
        } catch {
            throw .unavailable(reason: "cannot run \(script): \(error.message)", hint: Self.installHint)
        }
        let lines = outcome.output.split(separator: "\n")
        guard outcome.succeeded, let last = lines.last, last.hasPrefix("/") else {
            let how = outcome.exit.map(\.description) ?? "overran 15 minutes and was killed"
            throw .unavailable(
                reason: "building the Linux image failed (\(script) \(how)):\n" + String(outcome.output.suffix(4_000)),
                hint: Self.installHint)
        }
        let image = LinuxImage(folder: String(last))
        guard image.isComplete else {
            throw .unavailable(reason: "\(script) printed \(last), which holds no complete image",
                               hint: "rerun it with --force")
        }
        return image
    }

    /// `$SCTPCONFORM_LINUX_IMAGE_SCRIPT`, else `scripts/build-linux-image.sh` of the source tree this
    /// was built from.
    public static func locateScript(environment: [String: String]) -> String? {
        var candidates: [String] = []
        if let explicit = environment["SCTPCONFORM_LINUX_IMAGE_SCRIPT"], !explicit.isEmpty {
            candidates.append(explicit)
        }
        // #filePath is Sources/Targets/Linux/LinuxImage.swift: the repository is three folders up.
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(repository.appendingPathComponent("scripts/build-linux-image.sh").path)
        return candidates.first { FileManager.default.isReadableFile(atPath: $0) }
    }
}

/// The image found or built in this process, per script: parallel targets build once (the lock is
/// held during the build; the script's own flock covers other processes).
private final class ImageMemo: @unchecked Sendable {
    static let shared = ImageMemo()

    private let lock = NSLock()
    private var images: [String: LinuxImage] = [:]

    func image(for script: String, build: () throws(TargetError) -> LinuxImage) throws(TargetError) -> LinuxImage {
        self.lock.lock()
        defer { self.lock.unlock() }
        if let known = self.images[script], known.isComplete { return known }
        let built = try build()
        self.images[script] = built
        return built
    }
}
