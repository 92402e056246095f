import Scenario

/// Pairs every row with a distinct column such that each pair matches, trying columns in order and
/// backtracking when a later row finds nothing left: for `any_order` and `contains` the rows are the
/// patterns and the columns the packet's chunks, for `across_packets` the rows are one packet's chunks
/// and the columns the patterns still expected.
///
/// A pair is judged on a copy of the matcher that holds the captures of the pairs chosen before it, so
/// a later pattern may compare with what an earlier one captured, and only the captures of the
/// assignment that succeeds survive. The sets are a few chunks; `budget` bounds the pairs tried all the
/// same, so a packet of many alike chunks cannot make the search run away.
struct ChunkAssignment {
    /// How many pairs one search may try before it gives up.
    static let budget = 10_000

    let rows: Int
    let columns: Int
    /// Pairs tried so far.
    private(set) var tried = 0
    /// Whether the search stopped because of `budget` (not because no assignment exists).
    private(set) var exhausted = false
    /// The unresolved variables the discarded trials ran into (see `PatternMatcher.unresolved`).
    private(set) var discarded: PatternMatcher

    init(rows: Int, columns: Int, matcher: PatternMatcher) {
        self.rows = rows
        self.columns = columns
        self.discarded = matcher
    }

    /// The first assignment in column order, as the column of each row, with the matcher after all its
    /// pairs; nil when there is none. `pair` matches one row against one column on the matcher given.
    mutating func solve(
        from matcher: PatternMatcher, pair: (_ row: Int, _ column: Int, _ matcher: inout PatternMatcher) -> Bool
    ) -> (columns: [Int], matcher: PatternMatcher)? {
        guard self.rows <= self.columns else { return nil }
        var used = [Bool](repeating: false, count: self.columns)
        var chosen: [Int] = []
        return self.extend(matcher, used: &used, chosen: &chosen, pair: pair)
    }

    private mutating func extend(
        _ matcher: PatternMatcher, used: inout [Bool], chosen: inout [Int],
        pair: (Int, Int, inout PatternMatcher) -> Bool
    ) -> (columns: [Int], matcher: PatternMatcher)? {
        let row = chosen.count
        if row == self.rows { return (chosen, matcher) }
        for column in 0..<self.columns where !used[column] {
            guard self.tried < Self.budget else {
                self.exhausted = true
                return nil
            }
            self.tried += 1
            var trial = matcher
            guard pair(row, column, &trial) else {
                self.discarded.absorbUnresolved(from: trial)
                continue
            }
            used[column] = true
            chosen.append(column)
            if let found = self.extend(trial, used: &used, chosen: &chosen, pair: pair) { return found }
            used[column] = false
            chosen.removeLast()
            if self.exhausted { return nil }
        }
        return nil
    }
}
