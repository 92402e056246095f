import NetworkLayers
import NetworkTransports
import Testing
import Transports
import VirtualTime

/// The mapping of virtual instants onto the wall clock, and the bounded wait on arrivals.
@Suite struct RealTimeClockTests {
    @Test func virtualInstantsFollowTheWallClockFromTheAnchor() {
        let clock = RealTimeClock(tolerance: .milliseconds(50), start: .zero + .seconds(10))
        let anchor = clock.wall(at: .zero + .seconds(10))
        #expect(clock.instant(atWall: anchor + 1_500_000_000) == .zero + .milliseconds(11_500))
        #expect(clock.wall(at: .zero + .seconds(12)) == anchor + 2_000_000_000)
        // Never before the anchor.
        #expect(clock.instant(atWall: anchor - 5_000_000_000) == .zero + .seconds(10))
        #expect(clock.summary == "real time, tolerance \(VirtualDuration.milliseconds(50))")
    }

    @Test func aWaitWithNothingArrivingEndsAtTheDeadlinePlusTheTolerance() throws {
        let queue = ArrivalQueue()
        let start = RealTimeClock.wallNanoseconds()
        let item = try queue.take(waitingUntilWall: start + 120_000_000)
        let waited = RealTimeClock.wallNanoseconds() - start
        #expect(item == nil)
        #expect(waited >= 120_000_000)
        #expect(waited < 2_000_000_000)
    }

    @Test func aWakeEndsTheWaitEarlyAndAFailureEndsEveryLaterWait() throws {
        let queue = ArrivalQueue()
        queue.post(.wake(wall: 42))
        let item = try queue.take(waitingUntilWall: RealTimeClock.wallNanoseconds() + 5_000_000_000)
        #expect(item?.wall == 42)
        queue.fail("closed")
        #expect(throws: TransportErrorReason.self) {
            _ = try queue.take(waitingUntilWall: RealTimeClock.wallNanoseconds() + 5_000_000_000)
        }
    }

    @Test func theFilterKeepsOnlyTheExchangesAddressesAndPorts() {
        let harness = IPAddress("198.18.0.1")!
        let sut = IPAddress("198.18.0.2")!
        let filter = PacketFilter(
            NetworkEndpoints(localAddresses: [harness], remoteAddresses: [sut], localPort: 5000, remotePort: 5001))
        #expect(filter.accepts(source: sut, destination: harness, sourcePort: 5001, destinationPort: 5000))
        #expect(filter.accepts(source: sut, destination: nil, sourcePort: 5001, destinationPort: 5000))
        #expect(!filter.accepts(source: harness, destination: sut, sourcePort: 5000, destinationPort: 5001))
        #expect(!filter.accepts(source: sut, destination: harness, sourcePort: 5001, destinationPort: 6000))
        #expect(!filter.accepts(source: IPAddress("198.18.0.9")!, destination: harness, sourcePort: 5001,
                                destinationPort: 5000))
        filter.noteSent(sourcePort: 6000, destinationPort: 5001)
        #expect(filter.accepts(source: sut, destination: harness, sourcePort: 5001, destinationPort: 6000))
    }
}
