import Foundation
import NetworkLayers
import NetworkTransports
import ProcessTestSupport
import Runner
import Scenario
import Targets
import Testing
import VirtualTime

extension LinuxVMTests {
    /// The Linux kernel in QEMU as a target, end to end: one VM per test (booted once, reset between
    /// its scenarios), removed with its namespaces even when an expectation fails.
    @Suite struct LinuxTargetTests {
        /// The scenarios of the issue's list (verification tags, cookies, streams, shutdown) and what
        /// the kernel's verdict is: PASS, or DEVIATION where a waiver in the file explains it.
        static let scenarios: [(String, Verdict)] = [
            ("handshake", .pass), ("vtag-wrong-data", .pass), ("vtag-wrong-abort", .pass), ("cookie-wrong-tag", .pass),
            ("cookie-tampered", .pass), ("stream-negotiation", .pass), ("data-invalid-stream", .pass),
            ("shutdown-outstanding", .pass), ("shutdown-complete-closes", .pass), ("app-abort", .pass),
            ("init-tag-zero", .deviation),
        ]

        static func load(_ name: String) throws -> Scenario {
            try ScenarioLoader().load(path: LinuxTestSupport.scenarioPath(name))
        }

        /// Namespaces this process made that still exist.
        static func leftoverNamespaces() -> [String] {
            LiveNamespaces.shared.names.filter { FileManager.default.fileExists(atPath: "/var/run/netns/\($0)") }
        }

        @Test(.timeLimit(.minutes(10)))
        func theKernelRunsTheScenariosOnOneVMAndAPanicIsAnErrorWithTheConsole() throws {
            guard LinuxTestSupport.shouldRun else { return }
            if let missing = LinuxTestSupport.unavailability {
                Issue.record("the Linux target cannot run here: \(missing)")
                return
            }
            let registry = TargetRegistry.standard
            let descriptor = try #require(registry.descriptor(named: "linux"))
            let pool = TargetPool()
            defer { pool.drain() }
            let runner = ScenarioRunner(
                target: descriptor, configuration: RunnerConfiguration(makeCheckers: RulesLiveChecker.factory),
                pool: pool)
            for (name, expected) in Self.scenarios {
                let result = runner.run(try Self.load(name))
                #expect(result.verdict == expected, "\(name): \(result.verdict) \(result.reason ?? "")")
            }

            // The pool's VM, reset once more: its kernel is made to panic; QEMU ends and the target's
            // error is a crash that quotes the console.
            let scenario = try Self.load("handshake")
            let configuration = TargetConfiguration(seed: 1, localPort: scenario.sutPort, peerPort: scenario.peerPort)
            let target = try pool.target(from: descriptor, configuration: configuration)
            let linux = try #require(target as? LinuxTarget)
            #expect(linux.agentIdentity.first == "sctpconform-linux-agent")
            let started = Date()
            _ = try? linux.inner.channel.command("panic", timeoutMilliseconds: 60_000)
            var failure = linux.terminationError
            while failure == nil && Date().timeIntervalSince(started) < 60 {
                usleep(100_000)
                failure = linux.terminationError
            }
            guard case .crashed(_, let text)? = failure else {
                Issue.record("expected a crash, got \(String(describing: failure))")
                linux.shutdown()
                return
            }
            #expect(text.contains("the guest's console"))
            #expect(text.contains("sysrq") || text.contains("Kernel panic"), "\(text.suffix(2_000))")
            linux.shutdown()
            #expect(Self.leftoverNamespaces().isEmpty)
        }

        @Test(.timeLimit(.minutes(10)))
        func theHandshakeRunsOverUDPEncapsulation() throws {
            guard LinuxTestSupport.shouldRun else { return }
            if let missing = LinuxTestSupport.unavailability {
                Issue.record("the Linux target cannot run here: \(missing)")
                return
            }
            let udp = try #require(TargetRegistry.standard.descriptor(named: "linux-udp"))
            let pool = TargetPool()
            defer { pool.drain() }
            let result = ScenarioRunner(target: udp, pool: pool).run(try Self.load("handshake"))
            #expect(result.verdict == .pass, "\(result.reason ?? "")")
            // The harness's socket was a UDP one (no raw socket is opened for this carriage).
            let scenario = try Self.load("handshake")
            let configuration = TargetConfiguration(seed: 1, localPort: scenario.sutPort, peerPort: scenario.peerPort)
            let target = try pool.target(from: udp, configuration: configuration)
            let linux = try #require(target as? LinuxTarget)
            #expect(linux.inner.network.carriage == .udp(localPort: 9899, remotePort: 9899))
            pool.giveBack(target)
        }
    }
}
