import NetworkLayers
import Runner
import Scenario
import Targets
import VirtualTime

/// Takes a target through a fuzz prefix with the scenario runner and leaves it there: what every
/// executor's `prepare` does before it holds or records the state.
enum FuzzPrefixRun {
    /// The SUT's and the harness's ports without a prefix (those of `preambles/established.yaml`).
    static let defaultSUTPort: UInt16 = 5001
    static let defaultHarnessPort: UInt16 = 5000

    /// The target configuration a prefix (or none) runs with.
    static func configuration(prefix: Scenario?, seed: UInt64) -> TargetConfiguration {
        guard let prefix else {
            return TargetConfiguration(seed: seed, localPort: Self.defaultSUTPort, peerPort: Self.defaultHarnessPort)
        }
        return TargetConfiguration(
            seed: seed, localPort: prefix.sutPort, peerPort: prefix.peerPort, sutAddress: prefix.sutAddresses[0],
            harnessAddress: prefix.peerAddresses[0])
    }

    static func endpoints(prefix: Scenario?) -> SessionEndpoints {
        guard let prefix else {
            return SessionEndpoints(sutPort: Self.defaultSUTPort, harnessPort: Self.defaultHarnessPort)
        }
        return SessionEndpoints(
            sutAddresses: prefix.sutAddresses, harnessAddresses: prefix.peerAddresses, sutPort: prefix.sutPort,
            harnessPort: prefix.peerPort)
    }

    /// Runs `prefix` on `target` (a new stack made with `configuration(prefix:seed:)`) and returns the
    /// state it left both sides in; `now` reads the target's clock afterwards. Without a prefix the
    /// target is only told to listen. A prefix that does not pass is an error: there is no state to
    /// fuzz from.
    static func run(
        _ prefix: Scenario?, seed: UInt64, on target: any Target, now: () -> VirtualInstant
    ) throws(FuzzExecutionError) -> FuzzBaseline {
        let endpoints = Self.endpoints(prefix: prefix)
        var model = HarnessSession(target: target, endpoints: endpoints, seed: seed).model
        guard let prefix else {
            let result: ActionResult
            do {
                result = try target.perform(.listen, at: .zero)
            } catch {
                throw FuzzExecutionError("the target could not listen: \(error.description)")
            }
            if case .failed(let errno, let message) = result {
                throw FuzzExecutionError("the target could not listen: \(message) (errno \(errno))")
            }
            _ = target.takeTimedEvents()
            return FuzzBaseline(exchange: [], model: model, endpoints: endpoints, time: now())
        }
        let lent = LentTarget(PrefixHoldingTarget(target))
        let descriptor = TargetDescriptor(
            name: target.name, summary: "a fuzz prefix's target", capabilities: target.capabilities,
            checkAvailability: { .available(detail: "held") }, make: { _, _ in lent.target })
        let runner = ScenarioRunner(target: descriptor, configuration: RunnerConfiguration(seed: seed))
        let result = runner.run(prefix)
        guard result.verdict == .pass else {
            throw FuzzExecutionError(
                "the prefix \(prefix.file) ended \(result.verdict.rawValue)\(result.reason.map { ": \($0)" } ?? "")")
        }
        for exchanged in result.packets {
            let decoded = DecodedPacket(number: exchanged.number, direction: exchanged.direction, envelope: exchanged.packet)
            if exchanged.direction == .toSUT {
                let tag = exchanged.bytes.count >= 8
                    ? exchanged.bytes[4..<8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } : 0
                model.observeSent(tag: tag, chunks: decoded.typedChunks)
            } else {
                model.observeReceived(chunks: decoded.typedChunks)
            }
        }
        _ = target.takeTimedEvents()
        return FuzzBaseline(exchange: result.packets, model: model, endpoints: endpoints, time: now())
    }
}

/// The one target a prefix run's descriptor hands out (the runner asks once, on this thread).
private final class LentTarget: @unchecked Sendable {
    let target: PrefixHoldingTarget

    init(_ target: PrefixHoldingTarget) {
        self.target = target
    }
}
