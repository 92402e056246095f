import Foundation
import Yams

/// `known_deviations:`: waivers for triaged failures of particular targets at particular steps.
///
/// ```yaml
/// known_deviations:
///   - target: usrsctp
///     step: 3
///     reason: "usrsctp 0.9.5 follows RFC 4960 §3.3.2 and answers with ABORT"
///     reference: "RFC 9260 §3.3.2"
/// ```
extension ScenarioParser {
    static let knownDeviationKeys = ["target", "step", "reason", "reference"]
    static let requiredKnownDeviationKeys = ["target", "step", "reason"]

    /// The number of steps the file declares (well formed or not), nil when `steps:` is not a list
    /// (already reported), so waivers are not also blamed for it.
    static func stepCount(_ node: Node) -> Int? {
        guard case .sequence(let sequence) = node else { return nil }
        return sequence.count
    }

    /// Reads the waivers; each must name a target, an existing step and a reason, and no two may
    /// waive the same step on the same target.
    func knownDeviations(_ node: Node, stepCount: Int?) -> [KnownDeviation] {
        var deviations: [KnownDeviation] = []
        for (index, element) in self.reader.listOrSingle(node).enumerated() {
            let what = "known deviation \(index + 1)"
            guard let deviation = self.knownDeviation(element, what, stepCount: stepCount) else { continue }
            if let earlier = deviations.first(where: { $0.target == deviation.target && $0.step == deviation.step }) {
                self.reader.report(
                    .invalidValue, at: element,
                    "\(what) waives step \(deviation.step) on target '\(deviation.target)' again "
                        + "(already waived at line \(earlier.location.line))",
                    expected: "one waiver per target and step")
                continue
            }
            deviations.append(deviation)
        }
        return deviations
    }

    private func knownDeviation(_ node: Node, _ what: String, stepCount: Int?) -> KnownDeviation? {
        guard let entries = self.reader.mapping(node, what) else { return nil }
        self.reader.checkKeys(
            entries, in: node, allowed: Self.knownDeviationKeys, required: Self.requiredKnownDeviationKeys, what)
        let value = { (key: String) in entries.first(where: { $0.key == key })?.value }
        let target = value("target").flatMap { self.reader.string($0, "\(what).target") }
        let step = value("step").flatMap { self.waivedStep($0, what, stepCount: stepCount) }
        let reason = value("reason").flatMap { self.reader.string($0, "\(what).reason") }
        let reference = value("reference").flatMap { self.reader.string($0, "\(what).reference") }
        guard let target, let step, let reason else { return nil }
        return KnownDeviation(
            target: target.trimmingCharacters(in: .whitespaces), step: step, reason: reason, reference: reference,
            location: self.reader.location(of: node))
    }

    /// A step number from 1 to the number of steps.
    private func waivedStep(_ node: Node, _ what: String, stepCount: Int?) -> Int? {
        guard let number = self.reader.unsigned(node, "\(what).step", bits: 32) else { return nil }
        guard let stepCount else { return Int(number) }
        guard number >= 1, number <= UInt64(stepCount) else {
            let range = stepCount == 0 ? "no steps" : "a step number from 1 to \(stepCount)"
            self.reader.report(
                .invalidValue, at: node,
                "\(what).step \(number) does not exist (the scenario has \(stepCount) "
                    + "step\(stepCount == 1 ? "" : "s"))",
                expected: range)
            return nil
        }
        return Int(number)
    }
}
