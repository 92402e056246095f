import Foundation
import VirtualTime

/// Targets kept between runs, so that a run resets one (`Target.reset`: for usrsctp one command to
/// its helper) instead of starting a new one (a new helper process).
///
/// A target comes back to the pool after its run; it is kept only while it is healthy (no
/// `terminationError`): a crashed, killed or hung target is shut down, so the next run gets a new
/// one. A kind of target that cannot reset (`.unsupported`) is shut down after every run from then
/// on. The pool also watches for a target that stops answering run after run (`stopReason`).
///
/// Thread-safe; idle targets are shut down when the pool goes away.
public final class TargetPool: @unchecked Sendable {
    /// After this many runs in a row whose target stopped answering, `stopReason` is set.
    public static let unresponsiveRunLimit = 2

    private let lock = NSLock()
    private var idle: [String: [any Target]] = [:]
    private var cannotReset: Set<String> = []
    private var unresponsiveRuns: [String] = []

    public init() {}

    deinit {
        for target in self.idle.values.joined() {
            target.shutdown()
        }
    }

    /// A target for one run of `descriptor`: an idle one reset to `configuration` and `start`, else a
    /// new one.
    public func target(
        from descriptor: TargetDescriptor, configuration: TargetConfiguration, start: VirtualInstant = .zero
    ) throws(TargetError) -> any Target {
        while let candidate = self.takeIdle(descriptor.name) {
            do {
                try candidate.reset(configuration, start: start)
                return candidate
            } catch {
                candidate.shutdown()
                if case .unsupported = error {
                    _ = self.locked { self.cannotReset.insert(descriptor.name) }
                }
            }
        }
        return try descriptor.make(configuration, start)
    }

    /// Takes back a target after its run: kept for the next run when it is healthy and can reset
    /// (its reset started at once, `Target.prepareReset`), shut down otherwise.
    public func giveBack(_ target: any Target) {
        let keep = target.terminationError == nil && !self.locked { self.cannotReset.contains(target.name) }
        guard keep else {
            target.shutdown()
            return
        }
        target.prepareReset()
        self.locked { self.idle[target.name, default: []].append(target) }
    }

    /// Shuts down every idle target.
    public func drain() {
        let targets = self.locked { () -> [any Target] in
            defer { self.idle = [:] }
            return Array(self.idle.values.joined())
        }
        for target in targets {
            target.shutdown()
        }
    }

    /// Records how a run's target ended: `failure` is its termination error, if any.
    public func noteRun(failure: TargetError?) {
        self.locked {
            if case .unresponsive(let text)? = failure {
                self.unresponsiveRuns.append(text)
            } else {
                self.unresponsiveRuns.removeAll()
            }
        }
    }

    /// Why further runs should not start: the target stopped answering in the last
    /// `unresponsiveRunLimit` runs in a row (each costing the full response timeout). Nil otherwise.
    public var stopReason: String? {
        self.locked {
            guard self.unresponsiveRuns.count >= Self.unresponsiveRunLimit, let last = self.unresponsiveRuns.last
            else { return nil }
            return "the target stopped answering in \(self.unresponsiveRuns.count) scenarios in a row, so the "
                + "remaining ones were not run (last: \(last))"
        }
    }

    private func takeIdle(_ name: String) -> (any Target)? {
        self.locked { self.idle[name]?.popLast() }
    }

    private func locked<Value>(_ body: () throws(Never) -> Value) -> Value {
        self.lock.lock()
        defer { self.lock.unlock() }
        return body()
    }
}
