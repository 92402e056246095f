import Runner
import SCTPWire
import Scenario

/// `index.html`: the run as a page people can look at, in a browser opened from disk or printed.
///
/// Self-contained (inline CSS, no script, no external resource) and deterministic: only virtual
/// times, the seed and what the results hold, in the results' order, so the same seed gives the
/// same bytes. A header with the verdict counts, the outcome and the command that reproduces the
/// run; a summary table with one row per scenario; then one section per scenario with the reason
/// for a non-PASS verdict, the waiver, the steps, the packets (tcpdump-style) and the rule
/// checker's findings. Sections of non-PASS scenarios start open. Everything that comes from input
/// goes through `HTMLEscaping`.
public enum HTMLReport {
    public static func document(_ results: [ScenarioResult], target: String, seed: UInt64) -> String {
        let summary = RunSummary(results)
        let outcome = summary.succeeded ? "run passed" : "run failed"
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>sctpconform: \(Self.text(target)), seed \(seed): \(outcome)</title>\n"
        html += "<style>\n\(Self.styleSheet)</style>\n</head>\n<body>\n"
        html += Self.header(results, target: target, seed: seed, summary: summary)
        html += "<main>\n"
        html += Self.summaryTable(results)
        for result in results {
            html += Self.section(result)
        }
        html += "</main>\n<footer>Written by sctpconform. All times are virtual (the run's discrete-event clock); "
        html += "pcaps use harness 198.18.0.1 and SUT 198.18.0.2.</footer>\n</body>\n</html>\n"
        return html
    }

    /// `sctpconform run FILE... --target T --seed S`, with `--strict` when a waived failure was
    /// counted as a failure (the only way `--strict` shows in results).
    public static func runCommand(_ results: [ScenarioResult], target: String, seed: UInt64) -> String {
        var files: [String] = []
        for result in results where !files.contains(result.file) {
            files.append(result.file)
        }
        var words = ["sctpconform", "run"] + files.map(HTMLEscaping.shellWord)
        words += ["--target", HTMLEscaping.shellWord(target), "--seed", "\(seed)"]
        if results.contains(where: { $0.knownDeviation?.status == .countedAsFailure }) {
            words.append("--strict")
        }
        return words.joined(separator: " ")
    }

    /// The command that reruns one scenario: the console's `reproduce:` line for FAIL and
    /// DEVIATION, the same command for an ERROR; nil for PASS and SKIP.
    static func reproduceCommand(_ result: ScenarioResult) -> String? {
        let prefix = "reproduce: "
        for line in ConsoleReport.details(result) {
            let trimmed = line.drop(while: { $0 == " " })
            if trimmed.hasPrefix(prefix) { return String(trimmed.dropFirst(prefix.count)) }
        }
        guard result.verdict == .error else { return nil }
        return Self.runCommand([result], target: result.target, seed: result.seed)
    }

    // MARK: Header and summary

    static func header(_ results: [ScenarioResult], target: String, seed: UInt64, summary: RunSummary) -> String {
        let outcomeClass = summary.succeeded ? "v-pass" : "v-fail"
        let total = results.reduce(Int64(0)) { $0 + $1.duration.nanoseconds }
        var html = "<header>\n<h1>sctpconform run against <code>\(Self.text(target))</code></h1>\n"
        html += "<p class=\"outcome \(outcomeClass)\">"
        html += summary.succeeded ? "Run passed" : "Run failed"
        let counts = Self.text(ConsoleReport.summary(results))
        html += " <span class=\"muted\">(exit status \(summary.exitStatus); \(counts))"
        html += "</span></p>\n<dl class=\"meta\">\n"
        html += "<dt>Target</dt><dd><code>\(Self.text(target))</code></dd>\n"
        html += "<dt>Seed</dt><dd><code>\(seed)</code></dd>\n"
        html += "<dt>Scenarios</dt><dd>\(results.count), "
        html += "\(ConsoleReport.virtualTime(nanoseconds: total)) of virtual time</dd>\n"
        html += "<dt>Reports</dt><dd><a href=\"run.json\">run.json</a> · <a href=\"junit.xml\">junit.xml</a></dd>\n"
        html += "</dl>\n<ul class=\"counts\">\n"
        for verdict in Verdict.allCases {
            let count = results.filter { $0.verdict == verdict }.count
            let zero = count == 0 ? " zero" : ""
            html += "<li class=\"badge \(Self.verdictClass(verdict))\(zero)\">"
            html += "\(verdict.rawValue) <b>\(count)</b></li>\n"
        }
        html += "</ul>\n"
        let attention = results.filter { $0.verdict != .pass }
        if !attention.isEmpty {
            html += "<p>Not passing: "
            html += attention.map { Self.verdictBadge($0.verdict) + " " + Self.scenarioLink($0) }
                .joined(separator: ", ")
            html += "</p>\n"
        }
        html += "<p class=\"label\">Reproduce the whole run</p>\n"
        html += "<pre class=\"command\"><code>\(Self.text(Self.runCommand(results, target: target, seed: seed)))"
        html += "</code></pre>\n</header>\n"
        return html
    }

    static func summaryTable(_ results: [ScenarioResult]) -> String {
        var html = "<h2>Scenarios</h2>\n<table class=\"summary\">\n<thead><tr><th>Verdict</th><th>Scenario</th>"
        html += "<th>Title</th><th class=\"num\">Virtual time</th><th>RFC</th><th>ETSI TS 102 369</th><th>Files</th>"
        html += "</tr></thead>\n<tbody>\n"
        for result in results {
            html += "<tr class=\"\(Self.verdictClass(result.verdict))\"><td>\(Self.verdictBadge(result.verdict))</td>"
            html += "<td>\(Self.scenarioLink(result))</td><td>\(Self.text(result.title))</td>"
            html += "<td class=\"num\">\(ConsoleReport.virtualTime(nanoseconds: result.duration.nanoseconds))</td>"
            html += "<td>\(Self.list(result.rfc))</td><td>\(Self.list(result.etsi))</td>"
            html += "<td class=\"files\">\(Self.fileLinks(result))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        return html
    }

    // MARK: One scenario

    static func section(_ result: ScenarioResult) -> String {
        let open = result.verdict == .pass ? "" : " open"
        var html = "<details class=\"scenario \(Self.verdictClass(result.verdict))\" "
        html += "id=\"\(Self.text(Self.anchor(result)))\"\(open)>\n"
        html += "<summary>\(Self.verdictBadge(result.verdict)) <code>\(Self.text(result.scenarioID))</code> "
        html += "\(Self.text(result.title)) "
        html += "<span class=\"muted\">\(ConsoleReport.virtualTime(nanoseconds: result.duration.nanoseconds))</span>"
        html += "</summary>\n<div class=\"body\">\n<dl class=\"meta\">\n"
        html += "<dt>File</dt><dd><code>\(Self.text(result.file))</code></dd>\n"
        html += "<dt>Target</dt><dd><code>\(Self.text(result.target))</code>, seed <code>\(result.seed)</code></dd>\n"
        html += "<dt>RFC</dt><dd>\(Self.list(result.rfc))</dd>\n"
        html += "<dt>ETSI TS 102 369</dt><dd>\(Self.list(result.etsi))</dd>\n"
        html += "<dt>Files</dt><dd>\(Self.fileLinks(result))</dd>\n</dl>\n"
        html += Self.reason(result)
        if let outcome = result.knownDeviation {
            html += "<div class=\"waiver\"><p class=\"label\">Known deviation (\(Self.text(outcome.status.rawValue)))"
            html += "</p><p>\(Self.text(ConsoleReport.knownDeviation(outcome)))</p></div>\n"
        }
        if let notes = result.notes {
            // YAML block scalars end in a newline, which `white-space: pre-wrap` would show as a blank line.
            let trimmed = String(notes.reversed().drop(while: { $0.isWhitespace }).reversed())
            html += "<div class=\"notes\"><p class=\"label\">Notes</p>"
            html += "<p class=\"prose\">\(Self.text(trimmed))</p></div>\n"
        }
        html += Self.steps(result)
        html += Self.packets(result)
        html += Self.findings(result)
        html += "</div>\n</details>\n"
        return html
    }

    /// Why the verdict is not PASS: the failed step's message, field mismatches, note and checked
    /// RFC sections (as the console prints them), else the result's reason; then the reproduce line.
    static func reason(_ result: ScenarioResult) -> String {
        guard result.verdict != .pass else { return "" }
        var html = "<div class=\"reason \(Self.verdictClass(result.verdict))\">\n"
        if let step = result.failedStep, let failure = step.failure {
            html += "<p class=\"label\">Step \(step.number) (\(Self.text(step.kind))) "
            html += Self.text(step.status.rawValue)
            html += " at <code>\(Self.text(step.location.description))</code>"
            if let packet = failure.packetNumber {
                html += ", packet \(Self.packetLink(result, packet))"
            }
            html += "</p>\n<p class=\"message\">\(Self.text(failure.message))</p>\n"
            if !failure.mismatches.isEmpty {
                html += "<table class=\"mismatches\">\n<thead><tr><th>Field</th><th>Expected</th><th>Observed</th>"
                html += "<th>Pattern at</th></tr></thead>\n<tbody>\n"
                for mismatch in failure.mismatches {
                    html += "<tr><td><code>\(Self.text(mismatch.path))</code></td>"
                    html += "<td><code>\(Self.text(mismatch.expected))</code></td>"
                    html += "<td><code>\(Self.text(mismatch.observed))</code></td>"
                    html += "<td><code>\(Self.text(mismatch.location?.description ?? ""))</code></td></tr>\n"
                }
                html += "</tbody>\n</table>\n"
            }
            if let note = step.note {
                html += "<p>note: \(Self.text(note))</p>\n"
            }
            if !failure.rfc.isEmpty {
                html += "<p>checks: \(Self.list(failure.rfc))</p>\n"
            }
        } else if let reason = result.reason {
            html += "<p class=\"message\">\(Self.text(reason))</p>\n"
        }
        if let command = Self.reproduceCommand(result) {
            html += "<pre class=\"command\"><code>reproduce: \(Self.text(command))</code></pre>\n"
        }
        html += "</div>\n"
        return html
    }

    static func steps(_ result: ScenarioResult) -> String {
        var html = "<h3>Steps</h3>\n"
        guard !result.steps.isEmpty else { return html + "<p class=\"muted\">No step ran.</p>\n" }
        html += "<table class=\"steps\">\n<thead><tr><th class=\"num\">#</th><th>Kind</th><th>Location</th>"
        html += "<th>Status</th><th class=\"num\">Start</th><th class=\"num\">End</th><th>Packets</th><th>Details</th>"
        html += "</tr></thead>\n<tbody>\n"
        for step in result.steps {
            html += "<tr class=\"step-\(Self.text(step.status.rawValue))\"><td class=\"num\">\(step.number)</td>"
            html += "<td>\(Self.text(step.kind))</td><td><code>\(Self.text(step.location.description))</code></td>"
            html += "<td>\(Self.text(step.status.rawValue))</td>"
            html += "<td class=\"num\">\(Self.text(step.start?.description ?? "–"))</td>"
            html += "<td class=\"num\">\(Self.text(step.end?.description ?? "–"))</td>"
            html += "<td>\(step.packets.map { Self.packetLink(result, $0) }.joined(separator: " "))</td><td>"
            var details = step.events.map { "event: " + $0 }
            if let failure = step.failure { details.append(failure.message) }
            if let note = step.note { details.append("note: " + note) }
            html += details.map(Self.text).joined(separator: "<br>")
            html += "</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        return html
    }

    static func packets(_ result: ScenarioResult) -> String {
        var html = "<h3>Packets</h3>\n"
        guard !result.packets.isEmpty else { return html + "<p class=\"muted\">No packet was exchanged.</p>\n" }
        html += "<table class=\"packets\">\n<thead><tr><th class=\"num\">#</th><th>Direction</th>"
        html += "<th class=\"num\">Time</th><th>Summary</th><th>Disposition</th></tr></thead>\n<tbody>\n"
        for packet in result.packets {
            let rowClass: String
            switch packet.disposition {
            case .unexpected, .leftOver: rowClass = "packet-bad"
            case .sent, .matched, .ignored, .unexamined: rowClass = "packet-\(packet.direction.rawValue)"
            }
            let direction = packet.direction == .toSUT ? "harness → SUT" : "SUT → harness"
            let addresses = "\(packet.packet.source) → \(packet.packet.destination)"
            html += "<tr class=\"\(rowClass)\" id=\"\(Self.text(Self.packetAnchor(result, packet.number)))\">"
            html += "<td class=\"num\">\(packet.number)</td><td class=\"nowrap\">\(direction)<br>"
            html += "<span class=\"muted\">\(Self.text(addresses))</span></td>"
            html += "<td class=\"num\">\(Self.text(packet.time.description))</td>"
            html += "<td><code class=\"wire\">\(Self.text(TcpdumpSummary.line(for: packet.bytes)))</code></td>"
            html += "<td>\(Self.text(ResultJSON.disposition(packet.disposition)))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        return html
    }

    static func findings(_ result: ScenarioResult) -> String {
        var html = "<h3>Rule checker findings</h3>\n"
        guard !result.findings.isEmpty else { return html + "<p class=\"muted\">No findings.</p>\n" }
        html += "<table class=\"findings\">\n<thead><tr><th>Rule</th><th>Severity</th><th>RFC section</th>"
        html += "<th>By</th><th class=\"num\">Association</th><th>Packet</th><th class=\"num\">Time</th>"
        html += "<th>Message</th></tr></thead>\n<tbody>\n"
        for finding in result.findings {
            let severity = finding.severity.rawValue
            html += "<tr class=\"severity-\(Self.text(severity.lowercased()))\">"
            html += "<td><code>\(Self.text(finding.rule))</code></td><td>\(Self.text(severity))</td>"
            html += "<td>\(Self.text(finding.section))</td>"
            html += "<td>\(Self.text(finding.violatorDescription))</td>"
            html += "<td class=\"num\">\(finding.associationID.map(String.init) ?? "")</td>"
            var packets = finding.packetNumber.map { Self.packetLink(result, $0) } ?? ""
            if !finding.relatedPackets.isEmpty {
                packets += " (see " + finding.relatedPackets.map { Self.packetLink(result, $0) }.joined(separator: ", ")
                    + ")"
            }
            html += "<td>\(packets)</td>"
            html += "<td class=\"num\">\(Self.text(finding.time?.description ?? ""))</td>"
            html += "<td>\(Self.text(finding.message))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        return html
    }

    // MARK: Pieces


    static func text(_ text: String) -> String {
        HTMLEscaping.escape(text)
    }

    static func verdictClass(_ verdict: Verdict) -> String {
        "v-" + verdict.rawValue.lowercased()
    }

    static func verdictBadge(_ verdict: Verdict) -> String {
        "<span class=\"badge \(Self.verdictClass(verdict))\">\(verdict.rawValue)</span>"
    }

    static func anchor(_ result: ScenarioResult) -> String {
        "scenario-" + result.scenarioID
    }

    static func packetAnchor(_ result: ScenarioResult, _ number: Int) -> String {
        "\(Self.anchor(result))-packet-\(number)"
    }

    static func scenarioLink(_ result: ScenarioResult) -> String {
        let href = "#" + HTMLEscaping.urlComponent(Self.anchor(result))
        return "<a href=\"\(href)\"><code>\(Self.text(result.scenarioID))</code></a>"
    }

    static func packetLink(_ result: ScenarioResult, _ number: Int) -> String {
        "<a href=\"#\(HTMLEscaping.urlComponent(Self.packetAnchor(result, number)))\">#\(number)</a>"
    }

    /// The pcap (only when the writer writes one) and the JSON report of a scenario.
    static func fileLinks(_ result: ScenarioResult) -> String {
        var links: [String] = []
        if let pcap = ReportWriter.pcapName(for: result) {
            links.append("<a href=\"\(HTMLEscaping.urlComponent(pcap))\">pcap</a>")
        }
        let json = ReportWriter.jsonName(for: result)
        links.append("<a href=\"\(HTMLEscaping.urlComponent(json))\">JSON</a>")
        return links.joined(separator: " · ")
    }

    static func list(_ items: [String]) -> String {
        items.isEmpty ? "<span class=\"muted\">–</span>" : items.map(Self.text).joined(separator: ", ")
    }

    static let styleSheet = """
        :root { --pass: #1a7f37; --fail: #cf222e; --error: #8250df; --skip: #6e7781; --deviation: #9a6700;
          --line: #d0d7de; --soft: #f6f8fa; }
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328;
          margin: 0 auto; padding: 1.5rem; max-width: 78rem; }
        h1 { font-size: 1.5rem; margin: 0 0 .5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
        h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
        code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
        pre code { font-size: 1em; }
        pre.command { background: var(--soft); border: 1px solid var(--line); padding: .5rem .75rem;
          white-space: pre-wrap; overflow-wrap: anywhere; }
        a { color: #0969da; }
        .muted { color: #6e7781; } .label { font-weight: 600; margin-bottom: .2rem; }
        .prose { white-space: pre-wrap; }
        .outcome { font-size: 1.15rem; font-weight: 700; } .outcome.v-pass { color: var(--pass); }
        .outcome.v-fail { color: var(--fail); }
        dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0; }
        dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
        ul.counts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
        .badge { display: inline-block; border-radius: 4px; padding: 0 .45rem; font-weight: 700; font-size: .85em;
          color: #fff; letter-spacing: .02em; }
        ul.counts .badge { font-size: 1rem; padding: .2rem .7rem; }
        .badge.zero { opacity: .35; }
        .badge.v-pass { background: var(--pass); } .badge.v-fail { background: var(--fail); }
        .badge.v-error { background: var(--error); } .badge.v-skip { background: var(--skip); }
        .badge.v-deviation { background: var(--deviation); }
        table { border-collapse: collapse; width: 100%; margin: .3rem 0 .8rem; }
        th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
        th { background: var(--soft); } td.num, th.num { text-align: right; white-space: nowrap; }
        code.wire { overflow-wrap: anywhere; } td.files, td.nowrap { white-space: nowrap; }
        table.summary tr.v-fail td, table.summary tr.v-error td { background: #fff5f5; }
        table.summary tr.v-deviation td { background: #fff8e6; }
        details.scenario { border: 1px solid var(--line); border-left: 6px solid var(--skip); border-radius: 4px;
          margin: .8rem 0; }
        details.scenario.v-pass { border-left-color: var(--pass); }
        details.scenario.v-fail { border-left-color: var(--fail); }
        details.scenario.v-error { border-left-color: var(--error); }
        details.scenario.v-deviation { border-left-color: var(--deviation); }
        details.scenario > summary { cursor: pointer; padding: .5rem .75rem; background: var(--soft); }
        details.scenario > .body { padding: .25rem 1rem .75rem; }
        .reason, .waiver, .notes { border: 1px solid var(--line); border-radius: 4px; padding: .2rem .8rem;
          margin: .6rem 0; }
        .reason.v-fail, .reason.v-error { border-color: var(--fail); background: #fff5f5; }
        .reason.v-deviation, .waiver { border-color: var(--deviation); background: #fff8e6; }
        .message { font-weight: 600; }
        tr.step-failed td, tr.step-error td, tr.packet-bad td { background: #fff5f5; }
        tr.step-not-run td { color: #6e7781; }
        tr.packet-from-sut td { background: #f3f8ff; }
        tr.severity-must td { background: #fff5f5; } tr.severity-should td { background: #fff8e6; }
        footer { margin-top: 2rem; color: #6e7781; font-size: .85rem; }
        @media print {
          body { max-width: none; padding: 0; font-size: 11px; }
          a { color: inherit; text-decoration: none; }
          details.scenario { break-inside: auto; }
          details::details-content { content-visibility: visible; display: block; }
          details > * { display: block; }
          .badge, tr td, .reason, .waiver { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
        }

        """
}
