import SCTPWire
import Scenario
import Testing

@testable import Runner

/// `any_order`, `contains` and `across_packets` pair patterns with chunks as an assignment: a general
/// pattern written before a specific one of the same kind does not steal the chunk the specific one needs.
@Suite struct AnyOrderMatchingTests {
    /// A SUT that answers the INIT with one packet of two DATA chunks: TSN 7 "a", then TSN 8 "b".
    static func twoDataTarget() -> ScriptedTarget {
        ScriptedTarget { packet, _, _ in
            guard case .initiation? = packet?.chunks.first else { return .init() }
            let tag = ScriptedPeer.initiateTag(of: packet)
            return .init(packets: [
                (
                    .zero,
                    ScriptedPeer.packet(
                        tag: tag,
                        [
                            .data(DataChunk(tsn: 7, userData: Array("a".utf8))),
                            .data(DataChunk(tsn: 8, userData: Array("b".utf8))),
                        ])
                )
            ])
        }
    }

    /// Runs `expectation` as step 2 after an INIT, then acknowledges `$general` in a SACK.
    static func run(_ expectation: String) throws -> (ScenarioResult, ScriptedTarget) {
        let target = Self.twoDataTarget()
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(
                """
                  - send: init
                  - expect: \(expectation)
                  - send: {sack: {cumulative_tsn_ack: $general}}
                """), target: target)
        return (result, target)
    }

    static func acknowledged(_ target: ScriptedTarget) -> UInt32? {
        guard case .sack(let sack)? = RunnerTestSupport.sent(target).last?.chunks.first else { return nil }
        return sack.cumulativeTSNAck
    }

    @Test func generalPatternBeforeSpecificOneMatchesAndKeepsTheWinningCaptures() throws {
        // Greedy pairing gave "-> general" the chunk "a" and left "a" to fail against "b".
        let (result, target) = try Self.run("{any_order: [{data: {tsn: -> general}}, {data: {user_data: \"a\"}}]}")
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        // The capture is the one of the assignment that succeeded: the general pattern took TSN 8.
        #expect(Self.acknowledged(target) == 8)
    }

    @Test func containsBacktracksToo() throws {
        let (result, target) = try Self.run("{contains: [{data: {tsn: -> general}}, {data: {user_data: \"a\"}}]}")
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        #expect(Self.acknowledged(target) == 8)
    }

    @Test func acrossPacketsBacktracksWithinAPacket() throws {
        let (result, target) = try Self.run(
            "{any_order: [{data: {tsn: -> general}}, {data: {user_data: \"a\"}}], across_packets: true}")
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        #expect(Self.acknowledged(target) == 8)
    }

    @Test func noAssignmentStillFailsWithTheMismatch() throws {
        let (result, _) = try Self.run(
            "{any_order: [{data: {user_data: \"a\", tsn: -> general}}, {data: {user_data: \"a\"}}]}")
        #expect(result.verdict == .fail)
        let failure = try #require(result.failedStep?.failure)
        #expect(result.failedStep?.number == 2)
        #expect(failure.mismatches.map(\.description) == ["chunks[1].data.user_data: expected \"a\", observed \"b\""])
    }

    // MARK: The search itself

    @Test func searchBacktracksAndDropsCapturesOfAbandonedBranches() {
        // Row 0 fits both columns, row 1 only column 0: the answer is [1, 0].
        var search = ChunkAssignment(rows: 2, columns: 2, matcher: PatternMatcher(variables: VariableStore()))
        let solution = search.solve(from: PatternMatcher(variables: VariableStore())) { row, column, trial in
            trial.variables["row\(row)"] = .unsigned(UInt64(column))
            return row == 0 || column == 0
        }
        #expect(solution?.columns == [1, 0])
        #expect(solution?.matcher.variables["row0"] == .unsigned(1))
        #expect(solution?.matcher.variables["row1"] == .unsigned(0))
        #expect(search.exhausted == false)
    }

    @Test func searchWithNoAssignmentReturnsNil() {
        var search = ChunkAssignment(rows: 3, columns: 3, matcher: PatternMatcher(variables: VariableStore()))
        // Every row fits only column 0.
        let solution = search.solve(from: PatternMatcher(variables: VariableStore())) { _, column, _ in column == 0 }
        #expect(solution == nil)
        #expect(search.exhausted == false)
        var tooMany = ChunkAssignment(rows: 3, columns: 2, matcher: PatternMatcher(variables: VariableStore()))
        let impossible = tooMany.solve(from: PatternMatcher(variables: VariableStore())) { _, _, _ in true }
        #expect(impossible == nil)
        #expect(tooMany.tried == 0)
    }

    @Test func searchIsBounded() {
        // Twelve alike chunks and a last pattern nothing fits: 12!/1 orderings without the budget.
        var search = ChunkAssignment(rows: 12, columns: 12, matcher: PatternMatcher(variables: VariableStore()))
        let solution = search.solve(from: PatternMatcher(variables: VariableStore())) { row, _, _ in row < 11 }
        #expect(solution == nil)
        #expect(search.exhausted)
        #expect(search.tried == ChunkAssignment.budget)
    }
}
