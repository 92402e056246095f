import Testing
import VirtualTime

@Suite struct EventSchedulerTests {
    private func ms(_ value: UInt64) -> VirtualInstant { VirtualInstant(nanoseconds: value * 1_000_000) }

    @Test func runsEventsInTimeOrderAndStampsNowWithEachInstant() throws {
        let scheduler = EventScheduler()
        var log: [(String, VirtualInstant)] = []
        scheduler.schedule(at: self.ms(30)) { log.append(("c", scheduler.now)) }
        scheduler.schedule(at: self.ms(10)) { log.append(("a", scheduler.now)) }
        scheduler.schedule(at: self.ms(20)) { log.append(("b", scheduler.now)) }
        let ran = try scheduler.advance(to: self.ms(25))
        #expect(ran == 2)
        #expect(log.map(\.0) == ["a", "b"])
        #expect(log.map(\.1) == [self.ms(10), self.ms(20)])
        #expect(scheduler.now == self.ms(25))
        #expect(scheduler.nextDeadline == self.ms(30))
        try scheduler.advance(by: .milliseconds(5))
        #expect(log.map(\.0) == ["a", "b", "c"])
        #expect(scheduler.nextDeadline == nil)
    }

    @Test func tiesRunInInsertionOrder() throws {
        let scheduler = EventScheduler()
        var order: [Int] = []
        for index in 0..<50 {
            scheduler.schedule(at: self.ms(7)) { order.append(index) }
        }
        try scheduler.advance(to: self.ms(7))
        #expect(order == Array(0..<50))
    }

    @Test func eventScheduledForNowDuringARunRunsAfterTheOnesAlreadyDue() throws {
        let scheduler = EventScheduler()
        var order: [String] = []
        scheduler.schedule(at: self.ms(5)) {
            order.append("first")
            scheduler.schedule(at: .zero) { order.append("late, clamped to now") }
        }
        scheduler.schedule(at: self.ms(5)) { order.append("second") }
        try scheduler.advance(to: self.ms(5))
        #expect(order == ["first", "second", "late, clamped to now"])
    }

    @Test func cancelledEventsNeverRun() throws {
        let scheduler = EventScheduler()
        var ran: [Int] = []
        let first = scheduler.schedule(at: self.ms(1)) { ran.append(1) }
        scheduler.schedule(at: self.ms(2)) { ran.append(2) }
        #expect(scheduler.cancel(first))
        #expect(!scheduler.cancel(first))
        #expect(scheduler.nextDeadline == self.ms(2))
        #expect(scheduler.pendingCount == 1)
        try scheduler.advance(to: self.ms(10))
        #expect(ran == [2])
    }

    @Test func manyCancellationsCompactTheQueueWithoutLosingLiveEvents() throws {
        let scheduler = EventScheduler()
        var ran: [Int] = []
        var ids: [ScheduledEventID] = []
        for index in 0..<500 {
            ids.append(scheduler.schedule(at: self.ms(UInt64(index))) { ran.append(index) })
        }
        for (index, id) in ids.enumerated() where index % 10 != 0 {
            scheduler.cancel(id)
        }
        try scheduler.advance(to: self.ms(1_000))
        #expect(ran == stride(from: 0, to: 500, by: 10).map { $0 })
    }

    @Test func advanceIntoThePastKeepsTimeAndRunsOnlyWhatIsDue() throws {
        let scheduler = EventScheduler(start: self.ms(100))
        var ran = false
        scheduler.schedule(at: self.ms(150)) { ran = true }
        try scheduler.advance(to: self.ms(50))
        #expect(scheduler.now == self.ms(100))
        #expect(!ran)
    }

    @Test func runUntilIdleStopsAtTheLastEventNotAtTheLimit() throws {
        let scheduler = EventScheduler()
        scheduler.schedule(at: self.ms(3)) {}
        scheduler.schedule(at: self.ms(9)) {}
        scheduler.schedule(at: self.ms(40)) {}
        #expect(try scheduler.runUntilIdle(notAfter: self.ms(10)) == 2)
        #expect(scheduler.now == self.ms(9))
        #expect(try scheduler.runUntilIdle() == 1)
        #expect(scheduler.now == self.ms(40))
    }

    @Test func runNextRunsExactlyOneEvent() {
        let scheduler = EventScheduler()
        var count = 0
        scheduler.schedule(at: self.ms(1)) { count += 1 }
        scheduler.schedule(at: self.ms(2)) { count += 1 }
        #expect(scheduler.runNext())
        #expect(count == 1 && scheduler.now == self.ms(1))
        #expect(!scheduler.runNext(notAfter: self.ms(1)))
    }

    @Test func selfReschedulingAtTheSameInstantHitsTheStepLimit() {
        let scheduler = EventScheduler(stepLimit: 1_000)
        var runs = 0
        func again() {
            runs += 1
            scheduler.schedule(at: scheduler.now) { again() }
        }
        scheduler.schedule(at: self.ms(4)) { again() }
        #expect(throws: SchedulerError.stepLimitExceeded(limit: 1_000, at: self.ms(4))) {
            try scheduler.advance(to: self.ms(10))
        }
        #expect(runs == 1_000)
        #expect(scheduler.now == self.ms(4))
        // The event that would have exceeded the limit is still pending, not lost.
        #expect(scheduler.pendingCount == 1)
    }

    @Test func longWaitsCostNoRealTime() throws {
        let scheduler = EventScheduler()
        var fired: VirtualInstant?
        scheduler.schedule(after: .seconds(3_600)) { fired = scheduler.now }
        try scheduler.advance(by: .seconds(86_400))
        #expect(fired == VirtualInstant(nanoseconds: 3_600_000_000_000))
        #expect(scheduler.now == VirtualInstant(nanoseconds: 86_400_000_000_000))
    }
}
