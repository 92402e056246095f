import NetworkLayers
import PropertyBased
import SCTPWire
import Scenario

/// A stream of random choices from which the generators below build scenario values.
///
/// The generators draw every decision from this stream instead of from a random number generator, so
/// shrinking the stream (swift-property-based shrinks the array: shorter, smaller numbers) shrinks the
/// scenario: a choice past the end is 0, and 0 always means the simplest option (fewest steps, no
/// fields, `any`, the shortest text).
struct Choices {
    private let values: [UInt32]
    private var position = 0

    init(_ values: [UInt32]) {
        self.values = values
    }

    /// A number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int {
        guard bound > 1, self.position < self.values.count else {
            self.position += 1
            return 0
        }
        defer { self.position += 1 }
        return Int(self.values[self.position] % UInt32(bound))
    }

    mutating func chance(_ percent: Int) -> Bool {
        self.below(100) >= 100 - percent
    }

    mutating func element<T>(_ array: [T]) -> T {
        array[self.below(array.count)]
    }
}

/// Generators of scenario values the loader can produce (the set the writer promises to round-trip):
/// durations, expressions, patterns and templates for each field type of the codec's schemas, steps of
/// every kind and whole scenarios. Values read only harness variables, so every scenario loads.
struct ScenarioGenerators {
    let vocabulary = ScenarioVocabulary.standard
    static let noLocation = Scenario.erasedLocation

    /// The choice streams swift-property-based generates and shrinks.
    static let choiceStreams = Gen<UInt32>.value(in: 0...UInt32.max).array(of: 0...300)

    // MARK: Scalars

    func duration(_ c: inout Choices) -> ScenarioDuration {
        let units: [Int64] = [1_000_000, 1_000_000_000, 1, 1_000, 60_000_000_000]
        let unit = c.element(units)
        let value = Int64(c.below(unit >= 60_000_000_000 ? 1_439 : 86_398))
        return ScenarioDuration(nanoseconds: value * unit)
    }

    func literal(_ c: inout Choices, bits: Int) -> UInt64 {
        let maximum = bits >= 64 ? UInt64.max : (UInt64(1) << UInt64(bits)) - 1
        switch c.below(4) {
        case 0: return UInt64(c.below(10))
        case 1: return maximum
        case 2: return UInt64(c.below(Int(min(maximum, 1_000_000)) + 1))
        default: return (UInt64(c.below(Int(UInt32.max))) << 32 | UInt64(c.below(Int(UInt32.max)))) & maximum
        }
    }

    func variable(_ c: inout Choices) -> ValueExpression {
        .variable(c.element(HarnessVariables.all.map(\.name)))
    }

    /// A number, a harness variable, or a left-associated sum or difference of those (the grammar has
    /// no parentheses). `variableFirst` for bytes and text fields, which read `$...` as an expression.
    func expression(_ c: inout Choices, bits: Int, variableFirst: Bool = false) -> ValueExpression {
        var result = variableFirst || c.chance(40) ? self.variable(&c) : .literal(self.literal(&c, bits: bits))
        for _ in 0..<c.below(3) {
            let term = c.chance(50) ? self.variable(&c) : .literal(UInt64(c.below(70_000)))
            result = c.chance(50) ? .sum(result, term) : .difference(result, term)
        }
        return result
    }

    /// Text with the characters YAML treats specially (quotes, `#`, `:`, braces, `§`, line breaks),
    /// never one the loader would read as a variable, comparison or capture.
    func text(_ c: inout Choices, allowEmpty: Bool = true) -> String {
        let alphabet: [String] = [
            "a", "b", "Z", "0", "7", " ", "\"", "'", "\\", "#", ":", ",", "{", "}", "[", "]", "-", ">", "!", "&", "*",
            "|", "%", "@", "`", "?", "~", "§", "é", "\n", "\t", "any", "null", "yes", "0x", "..",
        ]
        var text = ""
        for _ in 0..<(c.below(12) + (allowEmpty ? 0 : 1)) { text += c.element(alphabet) }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let readAsSomethingElse =
            text.contains("->") || text.hasPrefix("$") || ["$", "==", "!="].contains { trimmed.hasPrefix($0) }
        if readAsSomethingElse || (!allowEmpty && trimmed.isEmpty) { return allowEmpty ? "" : "x" }
        return text
    }

    func bytes(_ c: inout Choices) -> [UInt8] {
        if c.chance(50) { return Array(self.text(&c).utf8) }
        return (0..<c.below(9)).map { _ in UInt8(c.below(256)) }
    }

    func captureName(_ c: inout Choices) -> String {
        "c\(c.below(5))"
    }

    // MARK: Patterns

    /// A pattern for a field of `type`.
    func pattern(_ c: inout Choices, type: FieldRecordSchema.ValueType, depth: Int, captures: Bool) -> FieldPattern {
        if captures && c.chance(10) {
            // A record field has no long capture form: only `-> name` and `kind -> name` are in the DSL.
            if case .record = type { return .capture(name: self.captureName(&c), pattern: .any) }
            return .capture(name: self.captureName(&c), pattern: self.capturable(&c, type: type, depth: depth))
        }
        return self.capturable(&c, type: type, depth: depth)
    }

    private func capturable(_ c: inout Choices, type: FieldRecordSchema.ValueType, depth: Int) -> FieldPattern {
        if c.chance(15) { return .any }
        switch type {
        case .unsigned(let bits):
            switch c.below(3) {
            case 0:
                let op = c.element(ComparisonOperator.allCases)
                let literal = op == .equal && c.chance(50)
                return .comparison(
                    op, literal ? .literal(self.literal(&c, bits: bits)) : self.expression(&c, bits: bits))
            case 1:
                let lower = self.literal(&c, bits: bits)
                let upper = lower + UInt64(c.below(1000))
                switch c.below(4) {
                case 0: return .range(lower: .literal(lower), upper: nil)
                case 1: return .range(lower: nil, upper: .literal(upper))
                case 2: return .range(lower: self.variable(&c), upper: .literal(upper))
                default: return .range(lower: .literal(lower), upper: .literal(upper))
                }
            default:
                return .comparison(.equal, .literal(self.literal(&c, bits: bits)))
            }
        case .bytes:
            return c.chance(70) ? .bytes(self.bytes(&c)) : self.equality(&c)
        case .text:
            return c.chance(70) ? .text(self.text(&c)) : self.equality(&c)
        case .flag:
            return c.chance(80) ? .flag(c.chance(50)) : self.equality(&c)
        case .list(let element):
            let count = depth > 0 ? c.below(3) : 0
            let elements = (0..<count).map { _ in
                LocatedPattern(self.pattern(&c, type: element, depth: depth - 1, captures: true), at: Self.noLocation)
            }
            return .list(ListPattern(elements: elements, exact: c.chance(50)))
        case .record(let family):
            guard let record = self.recordPattern(&c, family: family, depth: depth) else { return .any }
            return .record(record)
        case .either(let first, let second):
            // A list in an either-typed field is written as a YAML list, so only the list forms that
            // are plain lists (contains with elements, or exactly empty) are in the DSL there.
            let chosen = c.chance(50) ? first : second
            let pattern = self.capturable(&c, type: chosen, depth: depth)
            if case .list(let list) = pattern, list.exact != list.elements.isEmpty {
                return .list(ListPattern(elements: list.elements, exact: list.elements.isEmpty))
            }
            return pattern
        }
    }

    private func equality(_ c: inout Choices) -> FieldPattern {
        .comparison(c.chance(50) ? .equal : .notEqual, self.expression(&c, bits: 32, variableFirst: c.chance(50)))
    }

    func recordPattern(_ c: inout Choices, family: String, depth: Int) -> RecordPattern? {
        guard let kinds = self.vocabulary.families[family], !kinds.isEmpty else { return nil }
        let schema = c.element(kinds.keys.sorted().compactMap { kinds[$0] })
        var record = RecordPattern(kind: schema.kind)
        record.fields = self.patternFields(&c, schema: schema, depth: depth)
        if c.chance(15) { record.capture = self.captureName(&c) }
        return record
    }

    func patternFields(_ c: inout Choices, schema: FieldRecordSchema, depth: Int, captures: Bool = true)
        -> [FieldPatternEntry]
    {
        self.someFields(&c, schema: schema, depth: depth).map { field in
            FieldPatternEntry(
                name: field.name, pattern: self.pattern(&c, type: field.type, depth: depth - 1, captures: captures),
                location: Self.noLocation)
        }
    }

    /// A random subset of a schema's fields, in a random order, leaving out nested records of families
    /// the vocabulary does not have.
    func someFields(_ c: inout Choices, schema: FieldRecordSchema, depth: Int) -> [FieldRecordSchema.Field] {
        guard depth > 0 else { return [] }
        var fields = schema.fields.filter { self.isWritable($0.type) && $0.name != "length" }
        var chosen: [FieldRecordSchema.Field] = []
        for _ in 0..<c.below(4) where !fields.isEmpty {
            chosen.append(fields.remove(at: c.below(fields.count)))
        }
        return chosen
    }

    private func isWritable(_ type: FieldRecordSchema.ValueType) -> Bool {
        switch type {
        case .unsigned, .bytes, .text, .flag: true
        case .list(let element): self.isWritable(element)
        case .record(let family): self.vocabulary.families[family] != nil
        case .either(let first, let second): self.isWritable(first) && self.isWritable(second)
        }
    }

    func chunkPattern(_ c: inout Choices, depth: Int = 3) -> ChunkPattern {
        if c.chance(15) {
            var fields = [
                FieldPatternEntry(
                    name: "type", pattern: self.pattern(&c, type: .unsigned(bits: 8), depth: 0, captures: true),
                    location: Self.noLocation)
            ]
            if c.chance(50) {
                let value = FieldPatternEntry(
                    name: "value", pattern: self.pattern(&c, type: .bytes, depth: 0, captures: true),
                    location: Self.noLocation)
                fields.insert(value, at: c.below(2))
            }
            return ChunkPattern(
                record: RecordPattern(kind: "chunk", fields: fields),
                flags: c.chance(40) ? self.located(&c, bits: 8) : nil,
                length: c.chance(40) ? self.located(&c, bits: 16) : nil,
                location: Self.noLocation)
        }
        let schema = c.element(self.vocabulary.chunks.keys.sorted().compactMap { self.vocabulary.chunks[$0] })
        var record = RecordPattern(kind: schema.kind, fields: self.patternFields(&c, schema: schema, depth: depth))
        if c.chance(10) { record.capture = self.captureName(&c) }
        return ChunkPattern(
            record: record, length: c.chance(20) ? self.located(&c, bits: 16) : nil, location: Self.noLocation)
    }

    func located(_ c: inout Choices, bits: Int) -> LocatedPattern {
        LocatedPattern(self.pattern(&c, type: .unsigned(bits: bits), depth: 0, captures: true), at: Self.noLocation)
    }

    func expectation(_ c: inout Choices) -> PacketExpectation {
        let arrangements: [PacketExpectation.Arrangement] = [.inOrder, .anyOrder, .contains, .anyOrderAcrossPackets]
        var expectation = PacketExpectation(
            chunks: (0...c.below(3)).map { _ in self.chunkPattern(&c) }, arrangement: c.element(arrangements))
        if c.chance(20) { expectation.verificationTag = self.located(&c, bits: 32) }
        if c.chance(20) { expectation.checksum = c.element([.correct, .zero, .any]) }
        if c.chance(10) { expectation.sourcePort = self.located(&c, bits: 16) }
        if c.chance(10) { expectation.destinationPort = self.located(&c, bits: 16) }
        return expectation
    }

    // MARK: Templates

    func templateValue(_ c: inout Choices, type: FieldRecordSchema.ValueType, depth: Int) -> TemplateValue? {
        switch type {
        case .unsigned(let bits):
            return .expression(c.chance(60) ? .literal(self.literal(&c, bits: bits)) : self.expression(&c, bits: bits))
        case .bytes:
            switch c.below(4) {
            case 0: return .expression(self.expression(&c, bits: 32, variableFirst: true))
            case 1: return .flipped(self.variable(&c), flipping: c.below(131_071) - 65_535)
            default: return .bytes(self.bytes(&c))
            }
        case .text:
            return c.chance(80) ? .text(self.text(&c)) : .expression(self.expression(&c, bits: 32, variableFirst: true))
        case .flag:
            return .flag(c.chance(50))
        case .list(let element):
            let count = depth > 0 ? c.below(3) : 0
            return .list((0..<count).compactMap { _ in self.templateValue(&c, type: element, depth: depth - 1) })
        case .record(let family):
            guard let kinds = self.vocabulary.families[family], !kinds.isEmpty else { return nil }
            let schema = c.element(kinds.keys.sorted().compactMap { kinds[$0] })
            return .record(kind: schema.kind, fields: self.assignments(&c, schema: schema, depth: depth - 1))
        case .either(let first, let second):
            return self.templateValue(&c, type: c.chance(50) ? first : second, depth: depth)
        }
    }

    func assignments(_ c: inout Choices, schema: FieldRecordSchema, depth: Int) -> [FieldAssignment] {
        self.someFields(&c, schema: schema, depth: depth).compactMap { field in
            self.templateValue(&c, type: field.type, depth: depth).map {
                FieldAssignment(name: field.name, value: $0, location: Self.noLocation)
            }
        }
    }

    func chunkTemplate(_ c: inout Choices, depth: Int = 3) -> ChunkTemplate {
        let length = c.chance(15) ? self.expression(&c, bits: 16) : nil
        if c.chance(15) {
            return ChunkTemplate(
                body: .raw(
                    type: self.expression(&c, bits: 8), flags: self.expression(&c, bits: 8), value: self.bytes(&c)),
                length: length, location: Self.noLocation)
        }
        let schema = c.element(self.vocabulary.chunks.keys.sorted().compactMap { self.vocabulary.chunks[$0] })
        return ChunkTemplate(
            body: .typed(kind: schema.kind, fields: self.assignments(&c, schema: schema, depth: depth)), length: length,
            location: Self.noLocation)
    }

    func packetTemplate(_ c: inout Choices) -> PacketTemplate {
        var template = PacketTemplate(chunks: (0...c.below(3)).map { _ in self.chunkTemplate(&c) })
        if c.chance(20) { template.verificationTag = self.expression(&c, bits: 32) }
        switch c.below(8) {
        case 1: template.checksum = .bad
        case 2: template.checksum = .zero
        case 3: template.checksum = .value(self.expression(&c, bits: 32))
        default: break
        }
        if c.chance(10) { template.sourcePort = self.expression(&c, bits: 16) }
        if c.chance(10) { template.destinationPort = self.expression(&c, bits: 16) }
        return template
    }

    // MARK: Application

    func eventPattern(_ c: inout Choices, captures: Bool) -> RecordPattern {
        let schema = c.element(self.vocabulary.events.keys.sorted().compactMap { self.vocabulary.events[$0] })
        var record = RecordPattern(
            kind: schema.kind, fields: self.patternFields(&c, schema: schema, depth: 2, captures: captures))
        if captures && c.chance(10) { record.capture = self.captureName(&c) }
        return record
    }

    func socketOptions(_ c: inout Choices) -> [SocketOptionSetting] {
        var names = SocketOptionSetting.names
        var options: [SocketOptionSetting] = []
        for _ in 0..<c.below(4) where !names.isEmpty {
            let name = names.remove(at: c.below(names.count))
            let milliseconds = UInt32(c.below(86_400_001))
            let count = UInt16(c.below(65_536))
            let option: SocketOptionSetting =
                switch name {
                case "rto_initial": .rtoInitial(milliseconds: milliseconds)
                case "rto_min": .rtoMin(milliseconds: milliseconds)
                case "rto_max": .rtoMax(milliseconds: milliseconds)
                case "cookie_life": .cookieLife(milliseconds: milliseconds)
                case "heartbeat_interval": .heartbeatInterval(milliseconds: milliseconds)
                case "delayed_ack": .delayedAck(milliseconds: milliseconds)
                case "outbound_streams": .outboundStreams(count)
                case "max_inbound_streams": .maxInboundStreams(count)
                case "max_init_attempts": .maxInitAttempts(count)
                case "max_retransmissions": .maxRetransmissions(count)
                default: .noDelay(c.chance(50))
                }
            options.append(option)
        }
        return options
    }

    func applicationStep(_ c: inout Choices) -> ApplicationStep {
        switch c.below(4) {
        case 0: return .expectEvent(self.eventPattern(&c, captures: true))
        case 1: return .expectNoEvent((0..<c.below(3)).map { _ in self.eventPattern(&c, captures: false) })
        default:
            let commands: [ApplicationCommand] = [
                .listen, .connect, .shutdown, .close, .abort(reason: self.bytes(&c)),
                .send(
                    stream: UInt16(c.below(65_536)), ppid: UInt32(self.literal(&c, bits: 32)), payload: self.bytes(&c),
                    unordered: c.chance(50)),
                .setOptions(self.socketOptions(&c)),
            ]
            return .perform(c.element(commands), expectFailure: c.chance(20))
        }
    }

    // MARK: Steps and scenarios

    /// The SUT's and the harness's addresses of a run: one family, one to three harness addresses.
    func addresses(_ c: inout Choices) -> (sut: [IPAddress], peer: [IPAddress]) {
        let v6 = c.chance(40)
        let make = { (host: Int) -> IPAddress in
            IPAddress(v6 ? "2001:db8::\(host)" : "198.18.\(host / 256).\(host % 256)")!
        }
        let sut = (0...c.below(2)).map { make(100 + $0) }
        let peer = (0...c.below(3)).map { make(1 + $0) }
        return (sut, peer)
    }

    func step(
        _ c: inout Choices, number: Int,
        addresses: (sut: [IPAddress], peer: [IPAddress]) = ([.defaultSUT], [.defaultHarness])
    ) -> Step {
        var step = Step(number: number, location: Self.noLocation, action: .expectNothing)
        var windowed = false
        var afterAllowed = false
        switch c.below(5) {
        case 0:
            step.action = .send(self.packetTemplate(&c))
            if c.chance(30) { step.from = c.element(addresses.peer) }
            if c.chance(30) { step.to = c.element(addresses.sut) }
        case 1:
            step.action = .expect(self.expectation(&c))
            (windowed, afterAllowed) = (true, true)
            if c.chance(30) { step.from = c.element(addresses.sut) }
            if c.chance(30) { step.to = c.element(addresses.peer) }
        case 2:
            windowed = true
        case 3:
            step.action = .wait(self.duration(&c))
        default:
            let application = self.applicationStep(&c)
            step.action = .application(application)
            switch application {
            case .expectEvent: (windowed, afterAllowed) = (true, true)
            case .expectNoEvent: windowed = true
            case .perform: break
            }
        }
        if afterAllowed && c.chance(20) { step.after = self.duration(&c) }
        if windowed && c.chance(30) {
            step.within = (step.after ?? .zero) + ScenarioDuration(nanoseconds: Int64(c.below(1_000_000) + 1) * 1_000)
        }
        if c.chance(15) { step.rfc = ["RFC 9260 §\(c.below(20)).\(c.below(9))"] }
        if c.chance(15) { step.note = self.text(&c, allowEmpty: false) }
        return step
    }

    func scenario(_ c: inout Choices) -> Scenario {
        let addresses = c.chance(70) ? ([IPAddress.defaultSUT], [IPAddress.defaultHarness]) : self.addresses(&c)
        let steps = (0...c.below(6)).map { index in self.step(&c, number: index + 1, addresses: addresses) }
        var deviations: [KnownDeviation] = []
        for _ in 0..<c.below(3) {
            let target = c.element(["usrsctp", "linux", "freebsd"])
            let step = c.below(steps.count) + 1
            guard !deviations.contains(where: { $0.target == target && $0.step == step }) else { continue }
            deviations.append(
                KnownDeviation(
                    target: target, step: step, reason: self.text(&c, allowEmpty: false),
                    reference: c.chance(50) ? "RFC 9260 §3.3.2" : nil, location: Self.noLocation))
        }
        let kinds = self.vocabulary.chunks.keys.sorted()
        return Scenario(
            id: "generated-\(c.below(1000))", title: self.text(&c, allowEmpty: false), file: "",
            rfc: (0..<c.below(3)).map { _ in "RFC \(c.element([9260, 4960, 6951])) §\(c.below(12))" },
            etsi: (0..<c.below(2)).map { _ in c.element(ETSITestPurposes.all.map(\.id)) },
            role: c.element(Scenario.Role.allCases), sutPort: UInt16(c.below(65_535) + 1),
            peerPort: UInt16(c.below(65_535) + 1), sutAddresses: addresses.0, peerAddresses: addresses.1,
            udp: c.chance(25)
                ? UDPEncapsulation(sutPort: UInt16(c.below(65_535) + 1), peerPort: UInt16(c.below(65_535) + 1)) : nil,
            requires: c.chance(20) ? ["virtual-time"] : [], options: self.socketOptions(&c),
            ignore: c.chance(70) ? Scenario.standardIgnore : Set((0..<c.below(3)).map { _ in c.element(kinds) }),
            defaultWithin: c.chance(70) ? Scenario.standardWithin : self.duration(&c),
            quietPeriod: c.chance(70) ? Scenario.standardQuietPeriod : self.duration(&c),
            notes: c.chance(40) ? self.notes(&c) : nil, steps: steps, knownDeviations: deviations)
    }

    /// Notes of one or several lines, some long enough to be folded.
    func notes(_ c: inout Choices) -> String {
        var words: [String] = []
        for _ in 0..<c.below(60) { words.append(self.text(&c, allowEmpty: false)) }
        let text = words.joined(separator: c.chance(50) ? " " : "\n")
        return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "n" : text
    }
}
