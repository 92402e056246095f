/// Steps: one mapping per step, the action key first, then its modifiers in the order the shipped files
/// use (`verification_tag`, `checksum`, ports, `after`, `within`, `result`, `rfc`, `note`).
extension ScenarioWriter {
    func step(_ step: Step) -> YAMLText {
        var entries: [(key: String, value: YAMLText)]
        switch step.action {
        case .send(let template):
            entries = [("send", self.packetTemplate(template))] + self.packetModifiers(template)
        case .expect(let expectation):
            entries = [("expect", self.packetExpectation(expectation))] + self.packetModifiers(expectation)
        case .expectNothing:
            entries = [("expect", .plain("nothing"))]
        case .wait(let duration):
            entries = [("wait", self.duration(duration))]
        case .application(let application):
            entries = [("app", self.applicationStep(application))]
            if case .perform(_, expectFailure: true) = application {
                entries.append(("result", .plain("error")))
            }
        }
        if let from = step.from { entries.append(("from", self.address(from))) }
        if let to = step.to { entries.append(("to", self.address(to))) }
        if let after = step.after { entries.append(("after", self.duration(after))) }
        if let within = step.within { entries.append(("within", self.duration(within))) }
        if !step.rfc.isEmpty { entries.append(("rfc", .sequence(step.rfc.map { .quoted($0) }))) }
        if let note = step.note { entries.append(("note", .plain(note))) }
        return .mapping(entries)
    }

    /// The packet-level keys of a `send` step.
    func packetModifiers(_ template: PacketTemplate) -> [(key: String, value: YAMLText)] {
        var entries: [(key: String, value: YAMLText)] = []
        if let tag = template.verificationTag { entries.append(("verification_tag", self.expression(tag))) }
        switch template.checksum {
        case .correct: break
        case .bad: entries.append(("checksum", .plain("bad")))
        case .zero: entries.append(("checksum", .plain("zero")))
        case .value(let value): entries.append(("checksum", self.expression(value)))
        }
        if let port = template.sourcePort { entries.append(("src_port", self.expression(port))) }
        if let port = template.destinationPort { entries.append(("dst_port", self.expression(port))) }
        return entries
    }

    /// The packet-level keys of an `expect` step.
    func packetModifiers(_ expectation: PacketExpectation) -> [(key: String, value: YAMLText)] {
        var entries: [(key: String, value: YAMLText)] = []
        if let tag = expectation.verificationTag {
            entries.append(("verification_tag", self.fieldPattern(tag.pattern, type: .unsigned(bits: 32))))
        }
        if let checksum = expectation.checksum { entries.append(("checksum", .plain(checksum.rawValue))) }
        if let port = expectation.sourcePort {
            entries.append(("src_port", self.fieldPattern(port.pattern, type: .unsigned(bits: 16))))
        }
        if let port = expectation.destinationPort {
            entries.append(("dst_port", self.fieldPattern(port.pattern, type: .unsigned(bits: 16))))
        }
        return entries
    }
}
