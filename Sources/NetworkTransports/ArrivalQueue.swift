import Foundation
import NetworkLayers

/// What arrives on a real-time wire, as the network (swift-nio's event loop) and a target's control
/// channel (an agent's events) hand it over: packets with their wall-clock arrival, wake-ups (an
/// application event happened), and the error that ended the wire. `NetworkTransport` takes them out
/// with a bounded blocking wait, so the synchronous `Transport` protocol sits on NIO's asynchronous
/// reads. Thread-safe.
public final class ArrivalQueue: @unchecked Sendable {
    /// One arrival.
    public enum Item: Sendable {
        /// An SCTP packet (its `time` not yet set) and the wall instant it arrived at.
        case packet(AddressedPacket, wall: Int64)
        /// Something other than a packet happened at this wall instant (an application event).
        case wake(wall: Int64)

        /// When it arrived, on the monotonic wall clock.
        public var wall: Int64 {
            switch self {
            case .packet(_, let wall), .wake(let wall): return wall
            }
        }
    }

    /// At most this many items wait; more are dropped (and counted), as a full socket buffer would.
    public static let capacity = 65_536

    private let condition = NSCondition()
    private var items: [Item] = []
    private var head = 0
    private var failure: String?
    /// Items dropped because the queue was full.
    public private(set) var dropped = 0

    public init() {}

    public func post(_ item: Item) {
        self.condition.lock()
        defer { self.condition.unlock() }
        if self.items.count - self.head >= Self.capacity {
            self.dropped += 1
            return
        }
        self.items.append(item)
        self.condition.signal()
    }

    /// Records why the wire stopped working; every later `take` fails with it.
    public func fail(_ reason: String) {
        self.condition.lock()
        defer { self.condition.unlock() }
        if self.failure == nil { self.failure = reason }
        self.condition.broadcast()
    }

    /// The oldest item, waiting until the wall instant `deadline` at the latest (nil then). An item
    /// `admit` refuses stays queued, and nil is returned.
    public func take(
        waitingUntilWall deadline: Int64, admit: (Item) -> Bool = { _ in true }
    ) throws(TransportErrorReason) -> Item? {
        self.condition.lock()
        defer { self.condition.unlock() }
        while self.head == self.items.count {
            if let failure = self.failure { throw TransportErrorReason(failure) }
            let remaining = deadline - RealTimeClock.wallNanoseconds()
            if remaining <= 0 { return nil }
            // Bounded: at most the remaining time, and never longer than a second per wait.
            let seconds = Double(min(remaining, 1_000_000_000)) / 1e9
            _ = self.condition.wait(until: Date(timeIntervalSinceNow: seconds))
        }
        let item = self.items[self.head]
        guard admit(item) else { return nil }
        self.head += 1
        if self.head == self.items.count {
            self.items.removeAll(keepingCapacity: true)
            self.head = 0
        }
        return item
    }

    /// Forgets everything queued (what a previous run left).
    public func removeAll() {
        self.condition.lock()
        defer { self.condition.unlock() }
        self.items.removeAll()
        self.head = 0
    }
}

/// Why a wire failed, as text (`Transports.TransportError` carries it on).
public struct TransportErrorReason: Error, Sendable {
    public var text: String

    public init(_ text: String) {
        self.text = text
    }
}
