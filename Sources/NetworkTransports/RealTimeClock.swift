import Foundation
import VirtualTime

/// The mapping of the harness's virtual clock onto the wall clock for a target that runs in real
/// time (an external stack, a remote peer): virtual instant `v` is wall instant
/// `anchor.wall + (v - anchor.virtual)` on the monotonic clock.
///
/// Only real-time transports read the wall clock, through this type: the core keeps its virtual
/// instants. Waits become sleeps. `tolerance` is how far a packet may stray from its expected
/// window (network and scheduling delay, the stack's own timer granularity): the target reports it
/// (`Target.realTimeTolerance`) and the runner widens each expectation window by it at both ends.
public final class RealTimeClock: @unchecked Sendable {
    /// How late a packet may arrive and still be on time, unless the command line says otherwise.
    public static let defaultTolerance = VirtualDuration.milliseconds(200)

    /// The slack added to every wall-clock deadline.
    public let tolerance: VirtualDuration

    private let lock = NSLock()
    private var anchorVirtual: VirtualInstant
    private var anchorWall: Int64

    public init(tolerance: VirtualDuration = RealTimeClock.defaultTolerance, start: VirtualInstant = .zero) {
        self.tolerance = max(tolerance, .zero)
        self.anchorVirtual = start
        self.anchorWall = Self.wallNanoseconds()
    }

    /// The monotonic clock (CLOCK_MONOTONIC) in nanoseconds.
    public static func wallNanoseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    /// Starts the mapping again: `start` is now.
    public func restart(at start: VirtualInstant) {
        let wall = Self.wallNanoseconds()
        self.lock.withLock {
            self.anchorVirtual = start
            self.anchorWall = wall
        }
    }

    /// The virtual instant of a wall instant (never before the anchor).
    public func instant(atWall wall: Int64) -> VirtualInstant {
        self.lock.withLock {
            let elapsed = max(0, wall - self.anchorWall)
            return self.anchorVirtual + .nanoseconds(elapsed)
        }
    }

    /// The wall instant of a virtual instant.
    public func wall(at instant: VirtualInstant) -> Int64 {
        self.lock.withLock {
            let offset = Int64(clamping: instant.nanoseconds) - Int64(clamping: self.anchorVirtual.nanoseconds)
            return self.anchorWall + offset
        }
    }

    /// The virtual instant of the wall clock's now.
    public var now: VirtualInstant { self.instant(atWall: Self.wallNanoseconds()) }

    /// One line for reports: `real time, tolerance 200ms`.
    public var summary: String { "real time, tolerance \(self.tolerance)" }
}
