import Runner

/// `run.json` of a comparison run (`--target a,b`): the targets with their counts, the whole run's
/// counts, and the matrix — one entry per scenario, one cell per target with its verdict, why it is
/// not a PASS (`ComparisonMatrix.why`), and its per-target report and pcap — plus `files`, every file
/// the run wrote (relative to the reports folder), which the next run uses to remove what it does not
/// replace.
extension ResultJSON {
    public static func matrix(
        _ matrix: ComparisonMatrix, seed: UInt64, profile: String?, files: [String]
    ) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("format", .integer(Self.formatVersion)),
            ("kind", .string("matrix")),
            (
                "targets",
                .array(
                    matrix.columns.indices.map { column in
                        .object([
                            ("label", .string(matrix.columns[column].label)),
                            ("target", .string(matrix.columns[column].target)),
                            ("counts", Self.counts(matrix.results(column: column))),
                        ])
                    })
            ),
            ("seed", .unsigned(seed)),
        ]
        if let profile {
            members.append(("profile", .string(profile)))
        }
        members += [
            ("counts", Self.counts(matrix.allResults)),
            ("differing", .integer(Int64(matrix.rows.filter(\.differs).count))),
            ("matrix", .array(matrix.rows.map { Self.matrixRow($0, columns: matrix.columns) })),
            ("files", .array(files.map { .string($0) })),
        ]
        return .object(members)
    }

    static func matrixRow(_ row: ComparisonMatrix.Row, columns: [ComparisonMatrix.Column]) -> JSONValue {
        .object([
            ("scenario", .string(row.scenarioID)),
            ("title", .string(row.title)),
            ("file", .string(row.file)),
            ("differs", .bool(row.differs)),
            (
                "cells",
                .array(
                    zip(columns, row.cells).map { column, cell in
                        guard let cell else {
                            return .object([("target", .string(column.label)), ("verdict", .null)])
                        }
                        return .object([
                            ("target", .string(column.label)),
                            ("verdict", .string(cell.verdict.rawValue)),
                            ("why", .optional(ComparisonMatrix.why(cell))),
                            ("reason", .optional(cell.reason)),
                            ("known_deviation", Self.knownDeviation(cell.knownDeviation)),
                            ("virtual_duration", .string(cell.duration.description)),
                            ("report", .string(ReportWriter.matrixReportPath(label: column.label, cell))),
                            ("pcap", .optional(ReportWriter.matrixPcapPath(label: column.label, cell))),
                        ])
                    })
            ),
        ])
    }
}
