import Runner

/// The comparison matrix as `sctpconform run --target a,b` prints it after the runs: one line per
/// scenario, one column per target, each cell the verdict and, when it is not a PASS, why
/// (`ComparisonMatrix.why`), cut to `cellWidth`; a `*` in front of the rows where the targets differ.
extension ConsoleReport {
    /// Cells longer than this are cut with `...` (the JSON and HTML reports keep the whole text).
    public static let matrixCellWidth = 56

    public static func matrix(_ matrix: ComparisonMatrix, cellWidth: Int = ConsoleReport.matrixCellWidth) -> [String]
    {
        let idWidth = Self.idWidth(matrix.rows.map(\.scenarioID))
        let texts = matrix.rows.map { row in row.cells.map { Self.matrixCell($0, width: cellWidth) } }
        let widths = matrix.columns.indices.map { column in
            texts.reduce(matrix.columns[column].label.count) { max($0, $1[column].count) }
        }
        func line(_ marker: String, _ id: String, _ cells: [String]) -> String {
            var text = marker + " " + id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
            for (column, cell) in cells.enumerated() {
                let last = column == cells.count - 1
                text += "  " + (last ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0))
            }
            return String(text.reversed().drop(while: { $0 == " " }).reversed())
        }
        var lines = [line(" ", "scenario", matrix.columns.map(\.label))]
        for (row, cells) in zip(matrix.rows, texts) {
            lines.append(line(row.differs ? "*" : " ", row.scenarioID, cells))
        }
        let differing = matrix.rows.filter(\.differs).count
        lines.append(
            differing == 0
                ? "the targets agree on every scenario"
                : "* the targets differ on \(differing) scenario\(differing == 1 ? "" : "s")")
        return lines
    }

    /// `PASS`, `FAIL step 3: chunks[0].init-ack.outbound_streams`, `-` for a missing result.
    static func matrixCell(_ result: ScenarioResult?, width: Int) -> String {
        guard let result else { return "-" }
        var text = result.verdict.rawValue
        if let why = ComparisonMatrix.why(result) {
            text += " " + why.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init)!
        }
        guard text.count > width, width > 3 else { return text }
        return String(text.prefix(width - 3)) + "..."
    }

    /// `usrsctp: 3 passed, ...` per target, then the whole run's counts.
    public static func matrixSummary(_ matrix: ComparisonMatrix) -> [String] {
        matrix.columns.indices.map { column in
            "\(matrix.columns[column].label): " + Self.summary(matrix.results(column: column))
        } + ["all targets: " + Self.summary(matrix.allResults)]
    }
}
