/// Reduces a failing case to a smallest one that fails the same way (same `FuzzFailure.signature`):
/// fewest steps (removing runs of steps, halving first, then one by one), fewest chunks per packet,
/// then the simplest values (true lengths, correct checksums, shorter time steps, shorter payloads).
/// Each candidate is executed; the budget bounds how many. Deterministic: the candidates are tried in
/// a fixed order.
public struct CaseShrinker {
    /// Runs a case and judges it.
    public var evaluate: (FuzzCase) throws(FuzzExecutionError) -> FuzzFailure?
    /// Most executions one shrink may take.
    public var budget: Int
    public private(set) var executions = 0

    public init(budget: Int = 400, evaluate: @escaping (FuzzCase) throws(FuzzExecutionError) -> FuzzFailure?) {
        self.budget = budget
        self.evaluate = evaluate
    }

    /// The smallest case found that still fails with `failure`'s signature, and its failure.
    public mutating func shrink(
        _ fuzzCase: FuzzCase, failure: FuzzFailure
    ) throws(FuzzExecutionError) -> (FuzzCase, FuzzFailure) {
        var best = fuzzCase
        var bestFailure = failure
        var changed = true
        while changed && self.executions < self.budget {
            changed = false
            changed = try self.removeSteps(&best, &bestFailure) || changed
            changed = try self.removeChunks(&best, &bestFailure) || changed
            changed = try self.simplify(&best, &bestFailure) || changed
        }
        return (best, bestFailure)
    }

    /// Whether `candidate` still fails the same way; counts against the budget.
    private mutating func keeps(
        _ candidate: FuzzCase, _ signature: String, _ best: inout FuzzCase, _ failure: inout FuzzFailure
    ) throws(FuzzExecutionError) -> Bool {
        guard self.executions < self.budget, candidate != best else { return false }
        self.executions += 1
        guard let found = try self.evaluate(candidate), found.signature == signature else { return false }
        best = candidate
        failure = found
        return true
    }

    private mutating func removeSteps(
        _ best: inout FuzzCase, _ failure: inout FuzzFailure
    ) throws(FuzzExecutionError) -> Bool {
        let signature = failure.signature
        var changed = false
        var size = max(1, best.steps.count / 2)
        while size >= 1 {
            var start = 0
            while start < best.steps.count && best.steps.count > 1 {
                var candidate = best
                let end = min(best.steps.count, start + size)
                candidate.steps.removeSubrange(start..<end)
                if !candidate.steps.isEmpty, try self.keeps(candidate, signature, &best, &failure) {
                    changed = true
                } else {
                    start += size
                }
                if self.executions >= self.budget { return changed }
            }
            size /= 2
        }
        return changed
    }

    private mutating func removeChunks(
        _ best: inout FuzzCase, _ failure: inout FuzzFailure
    ) throws(FuzzExecutionError) -> Bool {
        let signature = failure.signature
        var changed = false
        var index = 0
        while index < best.steps.count {
            if case .packet(let packet) = best.steps[index], packet.chunks.count > 1 {
                var chunk = 0
                while chunk < packet.chunks.count, case .packet(var current) = best.steps[index],
                    current.chunks.count > 1
                {
                    guard chunk < current.chunks.count else { break }
                    current.chunks.remove(at: chunk)
                    var candidate = best
                    candidate.steps[index] = .packet(current)
                    if try self.keeps(candidate, signature, &best, &failure) {
                        changed = true
                    } else {
                        chunk += 1
                    }
                    if self.executions >= self.budget { return changed }
                }
            }
            index += 1
        }
        return changed
    }

    /// Simpler values, one at a time: each candidate differs from the best in one place.
    private mutating func simplify(
        _ best: inout FuzzCase, _ failure: inout FuzzFailure
    ) throws(FuzzExecutionError) -> Bool {
        let signature = failure.signature
        var changed = false
        for index in best.steps.indices {
            for candidateStep in Self.simpler(best.steps[index]) {
                var candidate = best
                candidate.steps[index] = candidateStep
                if try self.keeps(candidate, signature, &best, &failure) { changed = true }
                if self.executions >= self.budget { return changed }
            }
        }
        return changed
    }

    /// Simpler forms of one step, most simplifying first.
    static func simpler(_ step: FuzzCaseStep) -> [FuzzCaseStep] {
        switch step {
        case .advance(let milliseconds):
            return [1, 10, 100, 1_000, milliseconds / 2].filter { $0 < milliseconds }.map { .advance(milliseconds: $0) }
        case .action(.send(let stream, let ppid, let payload, let unordered)):
            var forms: [FuzzCaseStep] = []
            if payload.count > 1 {
                forms.append(
                    .action(.send(stream: stream, ppid: ppid, payload: Array(payload.prefix(1)), unordered: unordered)))
            }
            if unordered {
                forms.append(.action(.send(stream: stream, ppid: ppid, payload: payload, unordered: false)))
            }
            if ppid != 0 {
                forms.append(.action(.send(stream: stream, ppid: 0, payload: payload, unordered: unordered)))
            }
            return forms
        case .action:
            return []
        case .packet(let packet):
            var forms: [FuzzCaseStep] = []
            if packet.checksum != .correct {
                var simpler = packet
                simpler.checksum = .correct
                forms.append(.packet(simpler))
            }
            for index in packet.chunks.indices {
                let chunk = packet.chunks[index]
                if chunk.length != nil {
                    var simpler = packet
                    simpler.chunks[index].length = nil
                    forms.append(.packet(simpler))
                }
                if chunk.flags != 0 {
                    var simpler = packet
                    simpler.chunks[index].flags = 0
                    forms.append(.packet(simpler))
                    for bit in 0..<8 where chunk.flags & (1 << bit) != 0 && chunk.flags != 1 << bit {
                        simpler.chunks[index].flags = chunk.flags & ~(1 << bit)
                        forms.append(.packet(simpler))
                    }
                }
                if chunk.value.count > 4 && chunk.typed == nil {
                    var simpler = packet
                    simpler.chunks[index].value = Array(chunk.value.prefix(chunk.value.count / 2))
                    forms.append(.packet(simpler))
                }
            }
            return forms
        }
    }
}
