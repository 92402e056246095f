import Targets
import Transports
import VirtualTime

/// A target lent to the scenario runner for a prefix and kept afterwards in the state the prefix left
/// it in: the runner's end-of-run reset (`prepareReset`) and its pool's shutdown are not passed on,
/// everything else is. The owner (an executor) ends the real target itself.
final class PrefixHoldingTarget: Target {
    let held: any Target

    init(_ held: any Target) {
        self.held = held
    }

    var name: String { self.held.name }
    var capabilities: Set<TargetCapability> { self.held.capabilities }
    var transport: any Transport { self.held.transport }
    var terminationError: TargetError? { self.held.terminationError }

    func perform(_ action: ApplicationAction, at time: VirtualInstant) throws(TargetError) -> ActionResult {
        try self.held.perform(action, at: time)
    }

    func takeTimedEvents() -> [TimedApplicationEvent] {
        self.held.takeTimedEvents()
    }

    /// The state must survive the run: not reset.
    func prepareReset() {}

    /// One prefix per target: a second run gets a new one.
    func reset(_ configuration: TargetConfiguration, start: VirtualInstant) throws(TargetError) {
        throw .unsupported("a held target is not reset")
    }

    /// The owner ends the held target.
    func shutdown() {}
}
