import SCTPWire
import Scenario
import VirtualTime

/// `app: {no_event: ...}`: the application-side counterpart of `expect: nothing`.
extension ScenarioExecution {
    /// Lets the target run to the end of the window (`within`, else the scenario's default, counted from
    /// the step's start) and fails on the first queued event that matches one of `patterns` (any event
    /// when empty): one no step has taken yet, whether it came before the window or in it. Events that
    /// do not match stay queued for later steps, as packets do across a `wait`.
    func executeExpectNoEvent(_ patterns: [RecordPattern], step: Step) throws(StepInterruption) -> StepRecord {
        let start = self.stepClock
        let deadline = start + Self.duration(step.within ?? self.scenario.defaultWithin)
        try self.advance(to: deadline)
        let forbidden =
            "no application event"
            + (patterns.isEmpty ? "" : " " + patterns.map(\.description).joined(separator: " or "))
        self.publishVariables()
        for (time, event) in self.session.events where time <= deadline {
            let record = ApplicationMapping.record(for: event)
            guard try self.matchesAny(patterns, record, step: step) else { continue }
            throw .failed(
                StepFailure(
                    message: "step \(step.number) (\(step.location)): expected \(forbidden) within "
                        + "\(deadline - start) of \(start), observed \(FieldValueText.describe(record)) at \(time)"
                        + (time < start ? " (before the window; no step took it)" : "")))
        }
        self.stepClock = max(self.stepClock, deadline)
        return StepRecord()
    }

    /// Whether `record` matches one of `patterns` (every record matches an empty list), judged on copies of
    /// the variables so nothing is captured.
    private func matchesAny(
        _ patterns: [RecordPattern], _ record: FieldRecord, step: Step
    ) throws(StepInterruption) -> Bool {
        if patterns.isEmpty { return true }
        for pattern in patterns {
            var trial = self.matcher
            if trial.match(pattern, record, path: "event").isEmpty { return true }
            if let name = trial.unresolved.first {
                throw .error(
                    "step \(step.number) (\(step.location)): $\(name) has no value yet, so the event cannot be judged")
            }
        }
        return false
    }
}
