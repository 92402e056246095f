import Foundation
import NetworkLayers

#if canImport(Glibc)
import Glibc
#endif

/// Two network namespaces joined by a veth pair: one for the system under test (its agent enters
/// it), one for the harness's sockets (`NetworkTransport` opens them on a thread that entered it),
/// so a raw protocol-132 socket sees only this pair's packets and parallel runs never see each
/// other's. Made with `ip netns add` and `ip link add ... type veth`; test traffic stays on the
/// private link (198.18.0.0/15 by default, RFC 2544's benchmarking range).
///
/// Names are unique per process and pair (`sctpc<pid>-<n>h` / `...s`). `remove()` deletes both
/// namespaces (the veth pair goes with them); it runs on every exit path: the owning target's
/// `shutdown`, its deinit, `LiveNamespaces.removeAll()` on SIGINT/SIGTERM, and on the next creation,
/// the pairs of processes that no longer exist.
public final class NamespacePair: @unchecked Sendable {
    /// The namespace of the harness's sockets.
    public let harnessName: String
    /// The namespace of the system under test.
    public let sutName: String
    /// The addresses on the harness's end of the link and on the SUT's end.
    public let harnessAddresses: [IPAddress]
    public let sutAddresses: [IPAddress]

    private let lock = NSLock()
    private var removed = false

    /// Where `ip netns` keeps a namespace's file (what `setns(2)` opens).
    public static func path(of name: String) -> String { "\(Self.directory)/\(name)" }

    public var harnessPath: String { Self.path(of: self.harnessName) }
    public var sutPath: String { Self.path(of: self.sutName) }

    static let directory = "/var/run/netns"
    static let prefix = "sctpc"

    /// Creates the pair with these addresses on the two ends (IPv4 /24s, IPv6 /64s without duplicate
    /// address detection). Any failure removes what was made and is `TargetError.unavailable`.
    public init(harnessAddresses: [IPAddress], sutAddresses: [IPAddress]) throws(TargetError) {
        let serial = LiveNamespaces.shared.nextSerial()
        let base = "\(Self.prefix)\(String(getpid(), radix: 16))-\(serial)"
        self.harnessName = base + "h"
        self.sutName = base + "s"
        self.harnessAddresses = harnessAddresses
        self.sutAddresses = sutAddresses
        Self.removeStale()
        let ip = try Self.ipTool()
        var commands: [[String]] = [
            ["netns", "add", self.harnessName], ["netns", "add", self.sutName],
            ["link", "add", self.harnessName, "netns", self.harnessName, "type", "veth", "peer", "name", self.sutName,
             "netns", self.sutName],
        ]
        for (namespace, addresses) in [(self.harnessName, harnessAddresses), (self.sutName, sutAddresses)] {
            for address in addresses {
                var command = ["-n", namespace, "addr", "add", "\(address)/\(address.version == 4 ? 24 : 64)",
                               "dev", namespace]
                if address.version == 6 { command.append("nodad") }
                commands.append(command)
            }
            commands.append(["-n", namespace, "link", "set", "lo", "up"])
            commands.append(["-n", namespace, "link", "set", namespace, "up"])
        }
        LiveNamespaces.shared.add(self)
        for command in commands {
            do {
                try Self.run(ip, command)
            } catch {
                self.remove()
                throw error
            }
        }
    }

    deinit {
        self.remove()
    }

    /// Deletes both namespaces (and with them the veth pair). Idempotent.
    public func remove() {
        let first = self.lock.withLock { () -> Bool in
            defer { self.removed = true }
            return !self.removed
        }
        guard first else { return }
        LiveNamespaces.shared.forget(self)
        guard let ip = try? Self.ipTool() else { return }
        for name in [self.harnessName, self.sutName] where FileManager.default.fileExists(atPath: Self.path(of: name)) {
            try? Self.run(ip, ["netns", "del", name])
        }
    }

    /// Whether namespaces can be made here: root and `ip` (iproute2); nil if so, else why not.
    public static func unavailability() -> (reason: String, hint: String)? {
        if geteuid() != 0 {
            return (
                "network namespaces and raw sockets need root", "run as root (or with CAP_NET_ADMIN and CAP_NET_RAW)"
            )
        }
        if (try? Self.ipTool()) == nil {
            return (
                "the ip tool (iproute2) was not found",
                "apt-get install iproute2 (or run scripts/install-system-packages.sh)"
            )
        }
        return nil
    }

    // MARK: - Internals

    static func ipTool() throws(TargetError) -> String {
        for candidate in ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"] where access(candidate, X_OK) == 0 {
            return candidate
        }
        throw .unavailable(reason: "the ip tool (iproute2) was not found",
                           hint: "apt-get install iproute2 (or run scripts/install-system-packages.sh)")
    }

    static func run(_ ip: String, _ arguments: [String]) throws(TargetError) {
        let outcome: ToolRunner.Outcome
        do {
            outcome = try ToolRunner.run(path: ip, arguments: arguments, timeoutMilliseconds: 10_000)
        } catch {
            throw .unavailable(reason: "cannot run \(ip): \(error.message)", hint: "apt-get install iproute2")
        }
        guard outcome.succeeded else {
            throw .unavailable(
                reason: "ip \(arguments.joined(separator: " ")) failed: "
                    + outcome.output.trimmingCharacters(in: .whitespacesAndNewlines),
                hint: "network namespaces need root and iproute2")
        }
    }

    /// Deletes pairs left by processes that no longer run (a harness killed with SIGKILL).
    static func removeStale() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: Self.directory),
            let ip = try? Self.ipTool()
        else { return }
        for name in names where name.hasPrefix(Self.prefix) {
            let rest = name.dropFirst(Self.prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash], radix: 16) else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH {
                try? Self.run(ip, ["netns", "del", name])
            }
        }
    }
}

/// The namespace pairs this process has made and not yet removed, so that an interrupted run
/// (`sctpconform run` on SIGINT/SIGTERM/SIGHUP) removes them before it exits.
public final class LiveNamespaces: @unchecked Sendable {
    public static let shared = LiveNamespaces()

    private let lock = NSLock()
    private var pairs: [ObjectIdentifier: NamespacePair] = [:]
    private var serial = 0

    func nextSerial() -> Int {
        self.lock.withLock {
            self.serial += 1
            return self.serial
        }
    }

    func add(_ pair: NamespacePair) {
        self.lock.withLock { self.pairs[ObjectIdentifier(pair)] = pair }
    }

    func forget(_ pair: NamespacePair) {
        self.lock.withLock { _ = self.pairs.removeValue(forKey: ObjectIdentifier(pair)) }
    }

    /// The names of the live namespaces.
    public var names: [String] {
        self.lock.withLock { self.pairs.values.flatMap { [$0.harnessName, $0.sutName] }.sorted() }
    }

    /// Removes every live pair; returns how many there were.
    @discardableResult
    public func removeAll() -> Int {
        let all = self.lock.withLock { Array(self.pairs.values) }
        for pair in all { pair.remove() }
        return all.count
    }
}
