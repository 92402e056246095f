/// A point on the harness's virtual time line, counted in nanoseconds from the start of a run.
///
/// Nothing in the harness core reads the wall clock: every timestamp in a capture, every timer of
/// a system under test we host, and every `within`/`after`/`wait` of a scenario is one of these.
public struct VirtualInstant: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the start of the run.
    public var nanoseconds: UInt64

    public init(nanoseconds: UInt64) {
        self.nanoseconds = nanoseconds
    }

    /// The start of every run.
    public static let zero = VirtualInstant(nanoseconds: 0)

    public static func < (lhs: VirtualInstant, rhs: VirtualInstant) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    /// Moves forward (or back, for a negative duration; never below zero).
    public static func + (lhs: VirtualInstant, rhs: VirtualDuration) -> VirtualInstant {
        if rhs.nanoseconds >= 0 {
            let (sum, overflow) = lhs.nanoseconds.addingReportingOverflow(UInt64(rhs.nanoseconds))
            return VirtualInstant(nanoseconds: overflow ? .max : sum)
        }
        let magnitude = rhs.nanoseconds.magnitude
        return VirtualInstant(nanoseconds: lhs.nanoseconds > magnitude ? lhs.nanoseconds - magnitude : 0)
    }

    public static func - (lhs: VirtualInstant, rhs: VirtualInstant) -> VirtualDuration {
        if lhs >= rhs {
            return VirtualDuration(nanoseconds: Int64(clamping: lhs.nanoseconds - rhs.nanoseconds))
        }
        return VirtualDuration(nanoseconds: -Int64(clamping: rhs.nanoseconds - lhs.nanoseconds))
    }

    /// Whole microseconds since the start of the run (pcap timestamps use these).
    public var microseconds: UInt64 { self.nanoseconds / 1_000 }

    /// Whole milliseconds since the start of the run.
    public var milliseconds: UInt64 { self.nanoseconds / 1_000_000 }

    /// `12.345678s`: seconds with microsecond precision.
    public var description: String {
        let micros = self.microseconds
        let fraction = String(micros % 1_000_000)
        return "\(micros / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)s"
    }
}

/// A signed span of virtual time, in nanoseconds.
public struct VirtualDuration: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    public static let zero = VirtualDuration(nanoseconds: 0)

    public static func nanoseconds(_ value: Int64) -> VirtualDuration { VirtualDuration(nanoseconds: value) }
    public static func microseconds(_ value: Int64) -> VirtualDuration {
        let (product, overflow) = value.multipliedReportingOverflow(by: 1_000)
        return VirtualDuration(nanoseconds: overflow ? (value < 0 ? .min : .max) : product)
    }
    public static func milliseconds(_ value: Int64) -> VirtualDuration {
        let (product, overflow) = value.multipliedReportingOverflow(by: 1_000_000)
        return VirtualDuration(nanoseconds: overflow ? (value < 0 ? .min : .max) : product)
    }
    public static func seconds(_ value: Int64) -> VirtualDuration {
        let (product, overflow) = value.multipliedReportingOverflow(by: 1_000_000_000)
        return VirtualDuration(nanoseconds: overflow ? (value < 0 ? .min : .max) : product)
    }
    /// Whole seconds from an `Int` (so an integer literal such as `.seconds(65)` is not ambiguous
    /// between the `Int64` and `Double` forms).
    public static func seconds(_ value: Int) -> VirtualDuration { .seconds(Int64(value)) }
    /// Fractional seconds (as written in scenarios, e.g. `0.5`), rounded to the nanosecond.
    public static func seconds(_ value: Double) -> VirtualDuration {
        let ns = (value * 1_000_000_000).rounded()
        if ns >= Double(Int64.max) { return VirtualDuration(nanoseconds: .max) }
        if ns <= Double(Int64.min) { return VirtualDuration(nanoseconds: .min) }
        return VirtualDuration(nanoseconds: Int64(ns))
    }

    public static func < (lhs: VirtualDuration, rhs: VirtualDuration) -> Bool { lhs.nanoseconds < rhs.nanoseconds }
    public static func + (lhs: VirtualDuration, rhs: VirtualDuration) -> VirtualDuration {
        VirtualDuration(nanoseconds: lhs.nanoseconds &+ rhs.nanoseconds)
    }
    public static func * (lhs: VirtualDuration, rhs: Int64) -> VirtualDuration {
        VirtualDuration(nanoseconds: lhs.nanoseconds &* rhs)
    }

    /// Whole milliseconds, truncated toward zero.
    public var milliseconds: Int64 { self.nanoseconds / 1_000_000 }

    /// `1.5s`, `200ms`, `35us`: the shortest exact form.
    public var description: String {
        let ns = self.nanoseconds
        if ns == 0 { return "0s" }
        if ns % 1_000_000_000 == 0 { return "\(ns / 1_000_000_000)s" }
        if ns % 1_000_000 == 0 { return "\(ns / 1_000_000)ms" }
        if ns % 1_000 == 0 { return "\(ns / 1_000)us" }
        return "\(ns)ns"
    }
}
