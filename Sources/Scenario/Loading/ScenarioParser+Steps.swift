import Yams

/// `steps:`: one mapping per step with exactly one action key (`send`, `expect`, `wait`, `app`) and the
/// modifiers that action accepts.
extension ScenarioParser {
    static let actionKeys = ["send", "expect", "wait", "app"]
    static let packetModifierKeys = ["verification_tag", "checksum", "src_port", "dst_port"]
    static let commonModifierKeys = ["rfc", "note"]
    /// The addresses a `send` or packet `expect` may name.
    static let addressModifierKeys = ["from", "to"]

    /// The steps of `node`, numbered after the `stepOffset` steps of a preamble; `allowEmpty` when a
    /// preamble already gives the run its steps.
    func steps(_ node: Node, allowEmpty: Bool = false) -> [Step] {
        guard let elements = self.reader.sequence(node, "steps") else { return [] }
        if elements.isEmpty && !allowEmpty {
            self.reader.report(.invalidValue, at: node, "steps must not be empty", expected: "at least one step")
        }
        var steps: [Step] = []
        for (index, element) in elements.enumerated() {
            self.currentStep = self.stepOffset + index + 1
            if let step = self.step(element, number: self.stepOffset + index + 1) {
                steps.append(step)
            }
        }
        return steps
    }

    private func step(_ node: Node, number: Int) -> Step? {
        guard let entries = self.reader.mapping(node, "step \(number)") else { return nil }
        let actions = entries.filter { Self.actionKeys.contains($0.key) }
        guard let actionEntry = actions.first else {
            let allKeys =
                Self.actionKeys + Self.packetModifierKeys + Self.commonModifierKeys + Self.addressModifierKeys
                + ["within", "after", "result"]
            let suggestion = entries.lazy.compactMap { NameSuggestion.closest(to: $0.key, among: Self.actionKeys) }
                .first
            for entry in entries where !allKeys.contains(entry.key) {
                self.reader.report(
                    .unknownKey, at: entry.keyNode, "unknown key '\(entry.key)' in step \(number)",
                    expected: "one of: " + allKeys.joined(separator: ", "),
                    suggestion: NameSuggestion.closest(to: entry.key, among: allKeys))
            }
            if suggestion == nil {
                self.reader.report(
                    .missingKey, at: node, "step \(number) has no action", expected: "one of: send, expect, wait, app")
            }
            return nil
        }
        for extra in actions.dropFirst() {
            self.reader.report(
                .invalidValue, at: extra.keyNode, "step \(number) already has the action '\(actionEntry.key)'",
                expected: "one action per step; start a new step with '- \(extra.key):'")
        }
        let value = { (key: String) in entries.first(where: { $0.key == key }) }
        let location = self.reader.location(of: node)

        let action: Step.Action?
        var allowed = [actionEntry.key] + Self.commonModifierKeys
        switch actionEntry.key {
        case "send":
            allowed += Self.packetModifierKeys + Self.addressModifierKeys
            action = self.sendTemplate(actionEntry.value, modifiers: entries).map { .send($0) }
        case "expect":
            if self.isNothing(actionEntry.value) {
                allowed += ["within"]
                action = .expectNothing
            } else {
                allowed += Self.packetModifierKeys + Self.addressModifierKeys + ["within", "after"]
                action = self.packetExpectation(actionEntry.value, modifiers: entries).map { .expect($0) }
            }
        case "wait":
            action = self.reader.duration(actionEntry.value, "wait").map { .wait($0) }
        default:
            let application = self.applicationStep(actionEntry.value, result: value("result"))
            if case .expectEvent = application {
                allowed += ["within", "after"]
            } else if case .expectNoEvent = application {
                allowed += ["within"]
            } else {
                allowed += ["result"]
            }
            action = application.map { .application($0) }
        }
        let modifiers = entries.filter { !Self.actionKeys.contains($0.key) || $0.key == actionEntry.key }
        self.reader.checkKeys(modifiers, in: node, allowed: allowed, "a '\(actionEntry.key)' step")

        let within = value("within").flatMap { self.reader.duration($0.value, "within") }
        let after = value("after").flatMap { self.reader.duration($0.value, "after") }
        if let within, let after, within <= after, let entry = value("within") {
            self.reader.report(
                .invalidValue, at: entry.value, "within: \(within) ends before after: \(after) begins",
                expected: "a window end later than its start")
        }
        let rfc =
            value("rfc").map { entry in
                self.reader.listOrSingle(entry.value).compactMap { self.reader.string($0, "rfc") }
            } ?? []
        let note = value("note").flatMap { self.reader.string($0.value, "note") }
        // A send leaves from a harness address to a SUT address; an expected packet comes the other way.
        let sending = actionEntry.key == "send"
        let from = allowed.contains("from") ? value("from").flatMap { entry in
            self.stepAddress(
                entry.value, key: "from", allowed: sending ? self.peerAddresses : self.sutAddresses,
                whose: sending ? "harness's (peer.addresses)" : "SUT's (sut.addresses)")
        } : nil
        let to = allowed.contains("to") ? value("to").flatMap { entry in
            self.stepAddress(
                entry.value, key: "to", allowed: sending ? self.sutAddresses : self.peerAddresses,
                whose: sending ? "SUT's (sut.addresses)" : "harness's (peer.addresses)")
        } : nil
        guard let action else { return nil }
        return Step(
            number: number, location: location, action: action, within: within, after: after, rfc: rfc, note: note,
            from: from, to: to)
    }

    /// `expect: nothing` (also `none`).
    private func isNothing(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.string == "nothing" || scalar.string == "none"
    }

    // MARK: Variables

    /// Checks that every variable in `names` is a harness variable or was captured earlier.
    func checkVariablesDefined(_ names: [String], at location: FileLocation) {
        for name in names where !HarnessVariables.names.contains(name) && self.capturedVariables[name] == nil {
            if let step = self.laterCaptures[name] {
                self.reader.report(
                    ScenarioError(
                        .undefinedVariable, at: location,
                        "$\(name) is used before it is captured (it is captured at step \(step))",
                        expected: "a capture in an earlier step"))
            } else {
                let known = HarnessVariables.names.sorted() + self.capturedVariables.keys.sorted()
                self.reader.report(
                    ScenarioError(
                        .undefinedVariable, at: location, "$\(name) is never set",
                        expected: "a harness variable (\(HarnessVariables.names.sorted().joined(separator: ", "))) "
                            + "or a name captured earlier",
                        suggestion: NameSuggestion.closest(to: name, among: known).map { "$" + $0 }))
            }
        }
    }

    /// Records a capture so later uses are defined.
    func defineCapture(_ name: String) {
        if self.capturedVariables[name] == nil {
            self.capturedVariables[name] = self.currentStep
        }
    }

    /// First pass over `steps:`: every `-> name` and `capture: name`, with the step it appears in.
    func findCaptures(in stepsNode: Node) -> [String: Int] {
        guard case .sequence(let steps) = stepsNode else { return [:] }
        var found: [String: Int] = [:]
        var budget = YAMLNodeReader.nodeBudget
        func walk(_ node: Node, step: Int) {
            budget -= 1
            guard budget > 0 else { return }
            switch node {
            case .scalar(let scalar):
                if case .success(let capture?) = PatternTextParser.captureName(scalar.string),
                    found[capture.name] == nil
                {
                    found[capture.name] = step
                }
            case .mapping(let mapping):
                for (key, value) in mapping {
                    if key.scalar?.string == "capture", let name = value.scalar?.string, found[name] == nil {
                        found[name] = step
                    }
                    walk(value, step: step)
                }
            case .sequence(let sequence):
                for element in sequence { walk(element, step: step) }
            case .alias:
                break
            }
        }
        for (index, step) in steps.enumerated() {
            walk(step, step: self.stepOffset + index + 1)
        }
        return found
    }
}
