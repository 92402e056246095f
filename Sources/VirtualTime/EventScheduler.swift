import HeapModule

/// Something that tells the current virtual time. Components that only need to read the time take
/// one of these; the `EventScheduler` is the one that moves it.
public protocol VirtualClock: AnyObject {
    /// The current virtual instant.
    var now: VirtualInstant { get }
}

/// Identifies one scheduled event, for `EventScheduler.cancel(_:)`.
public struct ScheduledEventID: Hashable, Sendable, CustomStringConvertible {
    /// Insertion sequence number: unique within one scheduler, increasing with each `schedule`.
    public let sequence: UInt64

    public var description: String { "event#\(self.sequence)" }
}

/// Why the scheduler stopped.
public enum SchedulerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// More than `limit` events ran in one `advance`/`runUntilIdle` call: most likely events that keep
    /// rescheduling themselves at the same instant. `at` is where time stood when the scheduler gave up.
    case stepLimitExceeded(limit: Int, at: VirtualInstant)

    public var description: String {
        switch self {
        case .stepLimitExceeded(let limit, let instant):
            return "more than \(limit) events ran in one step of virtual time (stopped at \(instant))"
        }
    }
}

/// A discrete-event scheduler on virtual time: the harness's clock.
///
/// Nothing waits in real time. `advance(to:)` jumps straight from one due event to the next, setting
/// `now` to each event's instant while it runs, and finally to the target instant. Events due at the
/// same instant run in the order they were scheduled (insertion sequence), like swift-nio's
/// `EmbeddedEventLoop`. An event may schedule or cancel others; one scheduled for an instant that
/// has already passed runs at `now`, after the events already due then.
///
/// Every run is bounded: more than `stepLimit` events in one call throws
/// `SchedulerError.stepLimitExceeded` instead of looping forever.
///
/// Not thread-safe: one scheduler belongs to one run, driven from one task.
public final class EventScheduler: VirtualClock {
    private struct Entry: Comparable {
        var time: VirtualInstant
        var sequence: UInt64

        static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.time, lhs.sequence) < (rhs.time, rhs.sequence)
        }
    }

    // No dynamic exclusivity checks on the fields (a harness run reads and moves them tens of
    // thousands of times): the scheduler is not thread-safe and belongs to one run, and no method
    // holds an access to a field across a call out (an event's action runs after its entry left
    // `queue` and `actions`), so accesses never overlap.

    /// The current virtual instant. Never moves backwards.
    @exclusivity(unchecked) public private(set) var now: VirtualInstant
    /// The largest number of events one `advance`/`runUntilIdle` call may run.
    public let stepLimit: Int

    @exclusivity(unchecked) private var queue = Heap<Entry>()
    @exclusivity(unchecked) private var actions: [UInt64: () -> Void] = [:]
    @exclusivity(unchecked) private var nextSequence: UInt64 = 0

    /// Creates a scheduler whose clock reads `start`.
    public init(start: VirtualInstant = .zero, stepLimit: Int = 1_000_000) {
        self.now = start
        self.stepLimit = max(1, stepLimit)
    }

    /// How many events are scheduled and not cancelled.
    public var pendingCount: Int { self.actions.count }

    /// The instant of the earliest pending event, or nil if none is pending.
    public var nextDeadline: VirtualInstant? {
        self.discardCancelledHead()
        return self.queue.min.map { max($0.time, self.now) }
    }

    /// Schedules `action` to run at `time` (or at `now`, if `time` has passed).
    @discardableResult
    public func schedule(at time: VirtualInstant, _ action: @escaping () -> Void) -> ScheduledEventID {
        let sequence = self.nextSequence
        self.nextSequence += 1
        self.queue.insert(Entry(time: max(time, self.now), sequence: sequence))
        self.actions[sequence] = action
        return ScheduledEventID(sequence: sequence)
    }

    /// Schedules `action` to run `delay` after `now` (a negative delay means now).
    @discardableResult
    public func schedule(after delay: VirtualDuration, _ action: @escaping () -> Void) -> ScheduledEventID {
        self.schedule(at: self.now + delay, action)
    }

    /// Cancels a pending event. Returns false if it already ran or was already cancelled.
    @discardableResult
    public func cancel(_ id: ScheduledEventID) -> Bool {
        guard self.actions.removeValue(forKey: id.sequence) != nil else { return false }
        if self.queue.count > 64 && self.queue.count > 2 * self.actions.count {
            self.queue = Heap(self.queue.unordered.filter { self.actions[$0.sequence] != nil })
        }
        return true
    }

    /// Runs every event due up to and including `target`, in (instant, insertion) order, then sets
    /// `now` to `target`. A `target` in the past runs the events due now and leaves `now` unchanged.
    /// Returns the number of events that ran.
    @discardableResult
    public func advance(to target: VirtualInstant) throws(SchedulerError) -> Int {
        let target = max(target, self.now)
        var steps = 0
        while let entry = self.popDue(notAfter: target) {
            if steps == self.stepLimit {
                self.queue.insert(entry.entry)
                self.actions[entry.entry.sequence] = entry.action
                throw .stepLimitExceeded(limit: self.stepLimit, at: self.now)
            }
            steps += 1
            self.now = entry.entry.time
            entry.action()
        }
        self.now = target
        return steps
    }

    /// Moves time forward by `duration` (see `advance(to:)`).
    @discardableResult
    public func advance(by duration: VirtualDuration) throws(SchedulerError) -> Int {
        try self.advance(to: self.now + duration)
    }

    /// Runs events until none is pending, or until the next one lies after `limit`; `now` ends at the
    /// last event that ran (time does not jump to `limit`). Returns the number of events that ran.
    @discardableResult
    public func runUntilIdle(notAfter limit: VirtualInstant = VirtualInstant(nanoseconds: .max))
        throws(SchedulerError) -> Int
    {
        var steps = 0
        while let entry = self.popDue(notAfter: limit) {
            if steps == self.stepLimit {
                self.queue.insert(entry.entry)
                self.actions[entry.entry.sequence] = entry.action
                throw .stepLimitExceeded(limit: self.stepLimit, at: self.now)
            }
            steps += 1
            self.now = entry.entry.time
            entry.action()
        }
        return steps
    }

    /// Runs the single earliest pending event if it is due at or before `limit`. Returns false if
    /// none was.
    @discardableResult
    public func runNext(notAfter limit: VirtualInstant = VirtualInstant(nanoseconds: .max)) -> Bool {
        guard let entry = self.popDue(notAfter: limit) else { return false }
        self.now = entry.entry.time
        entry.action()
        return true
    }

    private func discardCancelledHead() {
        while let head = self.queue.min, self.actions[head.sequence] == nil {
            _ = self.queue.removeMin()
        }
    }

    private func popDue(notAfter limit: VirtualInstant) -> (entry: Entry, action: () -> Void)? {
        self.discardCancelledHead()
        guard let head = self.queue.min, head.time <= limit else { return nil }
        _ = self.queue.removeMin()
        guard let action = self.actions.removeValue(forKey: head.sequence) else { return nil }
        return (head, action)
    }
}
