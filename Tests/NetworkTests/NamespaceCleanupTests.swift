import Foundation
import NetworkLayers
import NetworkTransports
import ProcessTestSupport
import Targets
import Testing
import VirtualTime

/// Namespaces, veth pairs and agent processes are removed on every exit path: a target that fails
/// to start, an agent that dies, a test that throws, and a run interrupted by SIGINT.
@Suite struct NamespaceCleanupTests {
    static let configuration = TargetConfiguration(seed: 1, localPort: 5001, peerPort: 5000)

    static func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: NamespacePair.path(of: name))
    }

    @Test func aPairIsRemovedWhenTheWorkUsingItThrows() throws {
        guard NamespacePair.unavailability() == nil else { return }
        var names: [String] = []
        struct Planned: Error {}
        do {
            let link = try NamespacePair(harnessAddresses: [.defaultHarness], sutAddresses: [.defaultSUT])
            defer { link.remove() }
            names = [link.harnessName, link.sutName]
            #expect(names.allSatisfy(Self.exists))
            #expect(Set(LiveNamespaces.shared.names).isSuperset(of: names))
            throw Planned()
        } catch is Planned {}
        #expect(!names.isEmpty)
        #expect(!names.contains(where: Self.exists))
        #expect(Set(LiveNamespaces.shared.names).isDisjoint(with: names))
    }

    @Test func aTargetWhoseAgentCannotStartRemovesItsNamespaces() throws {
        guard NamespacePair.unavailability() == nil else { return }
        let link = try NamespacePair(harnessAddresses: [.defaultHarness], sutAddresses: [.defaultSUT])
        let names = [link.harnessName, link.sutName]
        let setup = AgentTarget.Setup(
            name: "ghost", capabilities: [.server], executable: "/nonexistent/agent", carriage: .rawIP,
            harnessNamespacePath: link.harnessPath, cleanUp: { link.remove() })
        #expect(throws: TargetError.self) {
            _ = try AgentTarget(setup: setup, configuration: Self.configuration)
        }
        #expect(!names.contains(where: Self.exists))
    }

    @Test func aKilledAgentIsACrashAndShutdownRemovesEverything() throws {
        guard NamespacePair.unavailability() == nil else { return }
        let registry = TargetRegistry.standard
        let target = try registry.makeTarget(named: "usrsctp-raw", configuration: Self.configuration)
        defer { target.shutdown() }
        guard let agent = target as? AgentTarget else {
            Issue.record("usrsctp-raw is not an agent target")
            return
        }
        let namespaces = [agent.setup.harnessNamespacePath, agent.setup.arguments.last].compactMap { $0 }
            .map { URL(fileURLWithPath: $0).lastPathComponent }
        #expect(namespaces.count == 2 && namespaces.allSatisfy(Self.exists))
        #expect(agent.agentIdentity.first == "sctpconform-usrsctp-agent")
        #expect(agent.realTimeTolerance == RealTimeClock.defaultTolerance)
        #expect(try agent.perform(.listen, at: .zero) == .ok)
        kill(agent.channel.processIdentifier, SIGSEGV)
        // The next command finds the agent dead (bounded: the reader sees end of file at once).
        var failure: TargetError?
        do {
            _ = try agent.perform(.send(stream: 0, ppid: 0, payload: [1], unordered: false), at: .zero)
        } catch {
            failure = error
        }
        guard case .crashed(let description, _)? = failure ?? agent.terminationError else {
            Issue.record("expected a crash, got \(String(describing: failure))")
            return
        }
        #expect(description.contains("SIGSEGV"))
        let pid = agent.channel.processIdentifier
        target.shutdown()
        #expect(kill(pid, 0) != 0)
        #expect(!namespaces.contains(where: Self.exists))
        #expect(Set(LiveNamespaces.shared.names).isDisjoint(with: namespaces))
    }

    @Test func anInterruptedRunRemovesItsNamespacesAndAgent() throws {
        guard NamespacePair.unavailability() == nil, let binary = ExternalTool.sctpconform else { return }
        let reports = TemporaryDirectory()
        defer { reports.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "run", "\(repositoryRoot())/Scenarios/shutdown-retransmission.yaml", "--target", "usrsctp-raw",
            "--reports", reports.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        let prefix = "sctpc\(String(pid, radix: 16))-"
        // Wait (bounded) until the run has made its namespaces, then interrupt it.
        let deadline = Date(timeIntervalSinceNow: 60)
        func ours() -> [String] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: "/var/run/netns")) ?? []
            return names.filter { $0.hasPrefix(prefix) }
        }
        while ours().isEmpty && Date() < deadline && process.isRunning { usleep(50_000) }
        #expect(!ours().isEmpty, "the run made no namespace")
        usleep(500_000)
        kill(pid, SIGINT)
        let end = Date(timeIntervalSinceNow: 30)
        while process.isRunning && Date() < end { usleep(50_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + SIGINT)
        #expect(ours().isEmpty)
    }
}
