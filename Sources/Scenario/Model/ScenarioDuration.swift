import Foundation

/// A span of virtual time written in a scenario (`200ms`, `1.5s`, `65s`), in nanoseconds.
///
/// The Scenario module does not depend on VirtualTime; the runner turns these into
/// `VirtualDuration`s one for one.
public struct ScenarioDuration: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    public static let zero = ScenarioDuration(nanoseconds: 0)

    public static func milliseconds(_ value: Int64) -> ScenarioDuration {
        ScenarioDuration(
            nanoseconds: value.multipliedReportingOverflow(by: 1_000_000).overflow ? .max : value * 1_000_000)
    }

    public static func seconds(_ value: Int64) -> ScenarioDuration {
        let (product, overflow) = value.multipliedReportingOverflow(by: 1_000_000_000)
        return ScenarioDuration(nanoseconds: overflow ? .max : product)
    }

    /// Whole milliseconds, truncated (socket options are set in milliseconds).
    public var milliseconds: Int64 { self.nanoseconds / 1_000_000 }

    public static func < (lhs: ScenarioDuration, rhs: ScenarioDuration) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    public static func + (lhs: ScenarioDuration, rhs: ScenarioDuration) -> ScenarioDuration {
        let (sum, overflow) = lhs.nanoseconds.addingReportingOverflow(rhs.nanoseconds)
        return ScenarioDuration(nanoseconds: overflow ? .max : sum)
    }

    /// Reads `250ms`, `1s`, `1.5s`, `30us`, `2m`, `1h`, `100ns`, or a bare number of milliseconds.
    /// Returns nil for anything else, negative values included.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [(suffix: String, nanoseconds: Double)] = [
            ("ms", 1e6), ("us", 1e3), ("µs", 1e3), ("ns", 1), ("min", 60e9), ("m", 60e9), ("h", 3600e9), ("s", 1e9),
        ]
        var number = trimmed
        var scale = 1e6
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            number = String(trimmed.dropLast(unit.suffix.count)).trimmingCharacters(in: .whitespaces)
            scale = unit.nanoseconds
            break
        }
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            number.filter({ $0 == "." }).count <= 1, let value = Double(number), value.isFinite
        else { return nil }
        let nanoseconds = (value * scale).rounded()
        guard nanoseconds >= 0, nanoseconds < Double(Int64.max) else { return nil }
        self.nanoseconds = Int64(nanoseconds)
    }

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
