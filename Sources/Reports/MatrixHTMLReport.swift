import Runner

/// `index.html` of a comparison run (`--target a,b`): the scenario × target matrix as a page.
///
/// Self-contained and deterministic like `HTMLReport` (whose style sheet it shares): a header with the
/// outcome, the targets and each one's verdict counts, and the command that reproduces the run; then
/// the matrix, one row per scenario and one cell per target holding the verdict, why it is not a PASS
/// (`ComparisonMatrix.why`) and links to that target's page of the scenario, its pcap and its JSON
/// (`<label>/index.html#scenario-<id>`, `<label>/<id>.pcap`, `<label>/<id>.json`). Rows where the
/// targets differ are marked. Everything from input goes through `HTMLEscaping`.
public enum MatrixHTMLReport {
    public static func document(_ matrix: ComparisonMatrix, seed: UInt64, profile: String? = nil) -> String {
        let summary = matrix.summary
        let labels = matrix.columns.map(\.label)
        let outcome = summary.succeeded ? "run passed" : "run failed"
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>sctpconform: \(Self.text(labels.joined(separator: ", "))), seed \(seed): \(outcome)</title>\n"
        html += "<style>\n\(HTMLReport.styleSheet)\(Self.styleSheet)</style>\n</head>\n<body>\n<header>\n"
        let codes = labels.map { "<code>\(Self.text($0))</code>" }
        html += "<h1>sctpconform comparison of \(codes.joined(separator: ", "))"
        html += "</h1>\n<p class=\"outcome \(summary.succeeded ? "v-pass" : "v-fail")\">"
        html += summary.succeeded ? "Run passed" : "Run failed"
        html += " <span class=\"muted\">(exit status \(summary.exitStatus); "
        html += "\(Self.text(ConsoleReport.summary(matrix.allResults))))</span></p>\n<dl class=\"meta\">\n"
        for (column, label) in labels.enumerated() {
            html += "<dt><code>\(Self.text(label))</code></dt><dd>"
            html += Self.text(ConsoleReport.summary(matrix.results(column: column)))
            html += " · <a href=\"\(HTMLEscaping.urlComponent(label))/index.html\">page</a></dd>\n"
        }
        html += "<dt>Seed</dt><dd><code>\(seed)</code></dd>\n"
        if let profile {
            html += "<dt>Profile</dt><dd><code>\(Self.text(profile))</code></dd>\n"
        }
        html += "<dt>Reports</dt><dd><a href=\"run.json\">run.json</a> · <a href=\"junit.xml\">junit.xml</a></dd>\n"
        html += "</dl>\n<p class=\"label\">Reproduce the whole run</p>\n<pre class=\"command\"><code>"
        html += Self.text(Self.runCommand(matrix, seed: seed, profile: profile))
        html += "</code></pre>\n</header>\n<main>\n"
        html += Self.table(matrix)
        html += "</main>\n<footer>Written by sctpconform. All times are virtual (the run's discrete-event clock)."
        html += "</footer>\n"
        html += "</body>\n</html>\n"
        return html
    }

    /// `sctpconform run FILE... --target a,b --seed S [--profile P]`.
    public static func runCommand(_ matrix: ComparisonMatrix, seed: UInt64, profile: String?) -> String {
        var files: [String] = []
        for row in matrix.rows where !files.contains(row.file) {
            files.append(row.file)
        }
        var words = ["sctpconform", "run"] + files.map(HTMLEscaping.shellWord)
        words += ["--target", HTMLEscaping.shellWord(matrix.columns.map(\.target).joined(separator: ","))]
        words += ["--seed", "\(seed)"]
        if let profile { words += ["--profile", HTMLEscaping.shellWord(profile)] }
        if matrix.allResults.contains(where: { $0.knownDeviation?.status == .countedAsFailure }) {
            words.append("--strict")
        }
        return words.joined(separator: " ")
    }

    static func table(_ matrix: ComparisonMatrix) -> String {
        let differing = matrix.rows.filter(\.differs).count
        var html = "<h2>Scenarios × targets</h2>\n<p class=\"muted\">"
        html += differing == 0
            ? "The targets agree on every scenario."
            : "The targets differ on \(differing) scenario\(differing == 1 ? "" : "s") (marked ≠)."
        html += "</p>\n<table class=\"matrix\">\n<thead><tr><th></th><th>Scenario</th><th>Title</th>"
        for column in matrix.columns {
            html += "<th><code>\(Self.text(column.label))</code></th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in matrix.rows {
            html += "<tr\(row.differs ? " class=\"differs\"" : "")><td>\(row.differs ? "≠" : "")</td>"
            html += "<td><code>\(Self.text(row.scenarioID))</code></td><td>\(Self.text(row.title))</td>"
            for (column, cell) in zip(matrix.columns, row.cells) {
                html += Self.cell(cell, label: column.label)
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        return html
    }

    static func cell(_ result: ScenarioResult?, label: String) -> String {
        guard let result else { return "<td class=\"muted\">–</td>" }
        let folder = HTMLEscaping.urlComponent(label) + "/"
        var html = "<td class=\"\(HTMLReport.verdictClass(result.verdict))\">"
        html += "<a href=\"\(folder)index.html#\(HTMLEscaping.urlComponent(HTMLReport.anchor(result)))\">"
        html += HTMLReport.verdictBadge(result.verdict) + "</a>"
        if let why = ComparisonMatrix.why(result) {
            html += "<div class=\"why\">\(Self.text(why))</div>"
        }
        var links: [String] = []
        if let pcap = ReportWriter.pcapName(for: result) {
            links.append("<a href=\"\(folder)\(HTMLEscaping.urlComponent(pcap))\">pcap</a>")
        }
        links.append("<a href=\"\(folder)\(HTMLEscaping.urlComponent(ReportWriter.jsonName(for: result)))\">JSON</a>")
        html += "<div class=\"files\">\(links.joined(separator: " · "))</div></td>"
        return html
    }

    static func text(_ text: String) -> String {
        HTMLEscaping.escape(text)
    }

    static let styleSheet = """
        table.matrix td.v-fail, table.matrix td.v-error { background: #fff5f5; }
        table.matrix td.v-deviation { background: #fff8e6; }
        table.matrix tr.differs > td:first-child { color: var(--fail); font-weight: 700; }
        table.matrix .why { font-size: .85em; overflow-wrap: anywhere; margin-top: .15rem; }
        table.matrix .files { font-size: .8em; }

        """
}
