/// The scenario without where it was written: `file`, the preamble's file and every `FileLocation` set
/// to one placeholder.
///
/// This is the equality a written scenario keeps: `ScenarioWriter` chooses its own layout, so lines
/// and columns cannot survive it, and a file name is not part of the text. Everything a run depends
/// on is still compared: ids, roles, ports, options, every step with its number (steps are numbered
/// by position, so a step dropped or added shows), templates, patterns, durations, captures and waivers.
extension Scenario {
    /// The placeholder every location becomes.
    public static let erasedLocation = FileLocation(file: "", line: 0, column: 0)

    public var locationsErased: Scenario {
        var copy = self
        copy.file = ""
        copy.steps = self.steps.map(\.locationsErased)
        copy.knownDeviations = self.knownDeviations.map { deviation in
            var copy = deviation
            copy.location = Scenario.erasedLocation
            return copy
        }
        if var preamble = self.preamble {
            preamble.file = ""
            preamble.steps = preamble.steps.map(\.locationsErased)
            copy.preamble = preamble
        }
        return copy
    }
}

extension Step {
    public var locationsErased: Step {
        var copy = self
        copy.location = Scenario.erasedLocation
        switch self.action {
        case .send(let template):
            copy.action = .send(template.locationsErased)
        case .expect(let expectation):
            copy.action = .expect(expectation.locationsErased)
        case .application(.expectEvent(let pattern)):
            copy.action = .application(.expectEvent(pattern.locationsErased))
        case .application(.expectNoEvent(let patterns)):
            copy.action = .application(.expectNoEvent(patterns.map(\.locationsErased)))
        case .expectNothing, .wait, .application(.perform):
            break
        }
        return copy
    }
}

extension PacketTemplate {
    var locationsErased: PacketTemplate {
        var copy = self
        copy.chunks = self.chunks.map { chunk in
            var copy = chunk
            copy.location = Scenario.erasedLocation
            if case .typed(let kind, let fields) = chunk.body {
                copy.body = .typed(kind: kind, fields: fields.map(\.locationsErased))
            }
            return copy
        }
        return copy
    }
}

extension FieldAssignment {
    var locationsErased: FieldAssignment {
        var copy = self
        copy.location = Scenario.erasedLocation
        copy.value = self.value.locationsErased
        return copy
    }
}

extension TemplateValue {
    var locationsErased: TemplateValue {
        switch self {
        case .expression, .bytes, .text, .flag, .flipped: self
        case .list(let elements): .list(elements.map(\.locationsErased))
        case .record(let kind, let fields): .record(kind: kind, fields: fields.map(\.locationsErased))
        }
    }
}

extension PacketExpectation {
    var locationsErased: PacketExpectation {
        var copy = self
        copy.chunks = self.chunks.map { chunk in
            ChunkPattern(
                record: chunk.record.locationsErased, flags: chunk.flags?.locationsErased,
                length: chunk.length?.locationsErased, location: Scenario.erasedLocation)
        }
        copy.verificationTag = self.verificationTag?.locationsErased
        copy.sourcePort = self.sourcePort?.locationsErased
        copy.destinationPort = self.destinationPort?.locationsErased
        return copy
    }
}

extension LocatedPattern {
    var locationsErased: LocatedPattern {
        LocatedPattern(self.pattern.locationsErased, at: Scenario.erasedLocation)
    }
}

extension RecordPattern {
    var locationsErased: RecordPattern {
        var copy = self
        copy.fields = self.fields.map { field in
            FieldPatternEntry(
                name: field.name, pattern: field.pattern.locationsErased, location: Scenario.erasedLocation)
        }
        return copy
    }
}

extension FieldPattern {
    var locationsErased: FieldPattern {
        switch self {
        case .any, .comparison, .range, .bytes, .text, .flag: self
        case .capture(let name, let pattern): .capture(name: name, pattern: pattern.locationsErased)
        case .list(let list): .list(ListPattern(elements: list.elements.map(\.locationsErased), exact: list.exact))
        case .record(let record): .record(record.locationsErased)
        }
    }
}
