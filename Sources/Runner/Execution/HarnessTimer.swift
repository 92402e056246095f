import VirtualTime

/// One of the harness's own timed events on a run's `EventScheduler`: the deadline of a `within`
/// window, the end of a `wait`, the end of the quiet period after the last step. `fired` turns true
/// when virtual time reaches `time`; a step looks at it after each advance of the runner.
final class HarnessTimer {
    /// When the timer fires (an instant already past fires at the scheduler's `now`).
    let time: VirtualInstant
    /// Whether virtual time has reached `time`.
    private(set) var fired = false
    private var event: ScheduledEventID?

    init(at time: VirtualInstant, on scheduler: EventScheduler) {
        self.time = time
        self.event = scheduler.schedule(at: time) { [weak self] in
            self?.fired = true
            self?.event = nil
        }
    }

    /// Takes the timer off the scheduler if it has not fired (a step that ended early).
    func cancel(on scheduler: EventScheduler) {
        if let event = self.event {
            scheduler.cancel(event)
            self.event = nil
        }
    }
}
