import Dispatch
import Foundation
import Scenario

/// Several executors, prepared alike, that run one batch together: the batch is split into
/// contiguous parts, one per executor, run concurrently, and the outcomes joined in input order.
final class ParallelExecutors: @unchecked Sendable {
    let executors: [any FuzzExecutor]

    init(_ executors: [any FuzzExecutor]) {
        self.executors = executors
    }

    func prepare(prefix: Scenario?, seed: UInt64) throws(FuzzExecutionError) -> FuzzBaseline {
        var first: FuzzBaseline?
        for executor in self.executors {
            let baseline = try executor.prepare(prefix: prefix, seed: seed)
            if first == nil { first = baseline }
        }
        guard let first else { throw FuzzExecutionError("no executor") }
        return first
    }

    func execute(_ batch: [FuzzInput]) throws(FuzzExecutionError) -> [FuzzOutcome] {
        if self.executors.count == 1 || batch.count < 2 {
            return try self.executors[0].execute(batch)
        }
        let parts = min(self.executors.count, batch.count)
        let size = (batch.count + parts - 1) / parts
        let results = ResultSlots(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = (part * size)..<min(batch.count, (part + 1) * size)
            guard !range.isEmpty else {
                results.set(part, .success([]))
                return
            }
            do throws(FuzzExecutionError) {
                results.set(part, .success(try self.executors[part].execute(Array(batch[range]))))
            } catch {
                results.set(part, .failure(error))
            }
        }
        var outcomes: [FuzzOutcome] = []
        for part in 0..<parts {
            switch results.get(part) {
            case .success(let some): outcomes += some
            case .failure(let error): throw error
            case nil: throw FuzzExecutionError("an executor returned nothing")
            }
        }
        return outcomes
    }

    func shutdown() {
        for executor in self.executors { executor.shutdown() }
    }
}

/// One result per part, written from the worker threads.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [Result<[FuzzOutcome], FuzzExecutionError>?]
    private let lock = NSLock()

    init(count: Int) {
        self.slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Result<[FuzzOutcome], FuzzExecutionError>) {
        self.lock.withLock { self.slots[index] = value }
    }

    func get(_ index: Int) -> Result<[FuzzOutcome], FuzzExecutionError>? {
        self.lock.withLock { self.slots[index] }
    }
}
