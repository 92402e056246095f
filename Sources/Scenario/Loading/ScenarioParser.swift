import Foundation
import NetworkLayers
import Yams

/// The state of loading one scenario file: the node reader (which collects errors), the vocabulary,
/// and the variables captured so far (to catch a `$variable` used before anything sets it).
final class ScenarioParser {
    let reader: YAMLNodeReader
    let vocabulary: ScenarioVocabulary
    /// Variables captured by earlier patterns, with the step that captured them.
    var capturedVariables: [String: Int] = [:]
    /// Every capture in the file (found by a first pass), to say "captured later at step N".
    var laterCaptures: [String: Int] = [:]
    /// The step being read (1-based), for messages.
    var currentStep = 0
    /// The SUT's and the harness's addresses, read before the steps (whose `from:`/`to:` name them).
    var sutAddresses: [IPAddress] = [Scenario.standardSUTAddress]
    var peerAddresses: [IPAddress] = [Scenario.standardPeerAddress]
    /// The number of steps a preamble put before the file's own (`from:`), so these are numbered after them.
    var stepOffset = 0
    /// Where `from:` names are looked up.
    let preambles: PreambleLibrary

    static let topLevelKeys = [
        "id", "title", "rfc", "etsi", "from", "sut", "peer", "requires", "options", "ignore", "defaults", "notes",
        "steps", "known_deviations",
    ]
    static let defaultSUTPort: UInt16 = 5001
    static let defaultPeerPort: UInt16 = 5000

    init(file: String, vocabulary: ScenarioVocabulary, preambles: PreambleLibrary = PreambleLibrary(folders: [])) {
        self.reader = YAMLNodeReader(file: file)
        self.vocabulary = vocabulary
        self.preambles = preambles
    }

    /// The YAML document of `text`, nil (with an error) when it is empty or not YAML.
    func compose(_ text: String, expected: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                self.reader.report(
                    ScenarioError(
                        .missingKey, at: FileLocation(file: self.reader.file, line: 1, column: 1),
                        "the file is empty", expected: expected))
                return nil
            }
            return node
        } catch {
            self.reportYAMLError(error, in: text)
            return nil
        }
    }

    func parse(_ text: String) -> Scenario? {
        guard let root = self.compose(text, expected: "a mapping with id, title, sut and steps") else { return nil }
        guard let entries = self.reader.mapping(root, "a scenario file") else { return nil }
        let hasPreamble = entries.contains { $0.key == "from" }
        self.reader.checkKeys(
            entries, in: root, allowed: Self.topLevelKeys,
            required: hasPreamble ? ["id", "title", "steps"] : ["id", "title", "sut", "steps"], "the scenario")
        let value = { (key: String) in entries.first(where: { $0.key == key })?.value }
        let preamble = value("from").flatMap { self.preamble($0) }

        let id = value("id").flatMap { self.identifier($0) }
        let title = value("title").flatMap { self.reader.string($0, "title") }
        let rfc = value("rfc").map { self.rfcSections($0) } ?? []
        let etsi = value("etsi").map { self.testPurposes($0) } ?? []
        let sut = value("sut").flatMap { self.endpoint($0, "sut", needsRole: true) }
        let peer = value("peer").flatMap { self.endpoint($0, "peer", needsRole: false) }
        self.checkOneFamily(sut: sut?.addresses ?? [], peer: peer?.addresses ?? [])
        if let declared = sut?.addresses, !declared.isEmpty { self.sutAddresses = declared.map(\.address) }
        if let declared = peer?.addresses, !declared.isEmpty { self.peerAddresses = declared.map(\.address) }
        let sutDeclared = !(sut?.addresses.isEmpty ?? true)
        let peerDeclared = !(peer?.addresses.isEmpty ?? true)
        if sutDeclared != peerDeclared, self.peerAddresses[0].version != self.sutAddresses[0].version {
            let (declared, other) = sutDeclared ? ("sut", "peer") : ("peer", "sut")
            let version = sutDeclared ? self.sutAddresses[0].version : self.peerAddresses[0].version
            self.reader.report(
                .missingKey, at: value(declared) ?? root,
                "\(declared).addresses are IPv\(version) but \(other) has the default IPv4 address",
                expected: "\(other): {addresses: [...]} of the same family")
        }
        let udp = Self.udpEncapsulation(sut: sut?.udpPort, peer: peer?.udpPort)
        let requires = value("requires").map { self.capabilities($0) } ?? []
        let options = value("options").map { self.socketOptions($0, "options") } ?? []
        let ignore = value("ignore").map { self.ignoredKinds($0) } ?? Scenario.standardIgnore
        let defaults = value("defaults").map { self.defaults($0) }
        let defaultWithin = defaults?.within ?? Scenario.standardWithin
        let quietPeriod = defaults?.quiet ?? Scenario.standardQuietPeriod
        let notes = value("notes").flatMap { self.reader.string($0, "notes") }
        if let stepsNode = value("steps") {
            self.laterCaptures = self.findCaptures(in: stepsNode)
        }
        let ownSteps = value("steps").map { self.steps($0, allowEmpty: preamble != nil) } ?? []
        let knownDeviations =
            value("known_deviations").map {
                self.knownDeviations(
                    $0, stepCount: value("steps").flatMap(Self.stepCount).map { $0 + self.stepOffset })
            } ?? []
        let role = self.role(scenario: sut?.role, at: value("sut"), preamble: preamble)

        guard let id, let title, let role, value("from") == nil || preamble != nil else { return nil }
        return Scenario(
            id: id, title: title, file: self.reader.file, rfc: rfc, etsi: etsi, role: role,
            sutPort: sut?.port ?? preamble?.sutPort ?? Self.defaultSUTPort,
            peerPort: peer?.port ?? preamble?.peerPort ?? Self.defaultPeerPort,
            sutAddresses: self.sutAddresses, peerAddresses: self.peerAddresses, udp: udp,
            requires: requires, options: options, ignore: ignore, defaultWithin: defaultWithin,
            quietPeriod: quietPeriod, notes: notes, steps: (preamble?.steps ?? []) + ownSteps,
            knownDeviations: knownDeviations, preamble: preamble)
    }

    // MARK: Header

    private func identifier(_ node: Node) -> String? {
        guard let text = self.reader.string(node, "id") else { return nil }
        let allowed = text.unicodeScalars.allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" || $0 == ".")
        }
        guard allowed, let first = text.unicodeScalars.first, CharacterSet.alphanumerics.contains(first) else {
            self.reader.report(
                .invalidValue, at: node, "id '\(text)' cannot name report files",
                expected: "letters, digits, '-', '_' and '.', starting with a letter or digit")
            return nil
        }
        return text
    }

    /// `RFC 9260 §5.1`, `RFC 9260 Appendix A`, `RFC 4960`.
    private func rfcSections(_ node: Node) -> [String] {
        self.reader.listOrSingle(node).compactMap { element in
            guard let text = self.reader.string(element, "an rfc: entry") else { return nil }
            let parts = text.split(separator: " ", maxSplits: 2)
            guard parts.count >= 2, parts[0] == "RFC", parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else {
                self.reader.report(
                    .invalidValue, at: element, "'\(text)' is not an RFC citation",
                    expected: "\"RFC <number> §<section>\", e.g. \"RFC 9260 §5.1\"")
                return nil
            }
            return text
        }
    }

    private func testPurposes(_ node: Node) -> [String] {
        self.reader.listOrSingle(node).compactMap { element in
            guard let text = self.reader.string(element, "an etsi: entry") else { return nil }
            guard self.vocabulary.testPurposes.contains(text) else {
                self.reader.report(
                    .unknownTestPurpose, at: element, "'\(text)' is not an ETSI TS 102 369 test purpose",
                    expected: "an id such as sctp-as-v-1-1-2",
                    suggestion: NameSuggestion.closest(to: text, among: self.vocabulary.testPurposes.sorted()))
                return nil
            }
            return text
        }
    }

    func endpoint(
        _ node: Node, _ what: String, needsRole: Bool
    ) -> ScenarioEndpointEntries? {
        guard let entries = self.reader.mapping(node, what) else { return nil }
        self.reader.checkKeys(
            entries, in: node,
            allowed: needsRole ? ["role", "port", "addresses", "udp"] : ["port", "addresses", "udp"],
            required: needsRole ? ["role"] : [], what)
        var role: Scenario.Role?
        var port: UInt16?
        var addresses: [(address: IPAddress, node: Node)] = []
        var udpPort: UInt16?
        for entry in entries {
            switch entry.key {
            case "role":
                guard let text = self.reader.string(entry.value, "\(what).role") else { continue }
                role = Scenario.Role(rawValue: text)
                if role == nil {
                    let names = Scenario.Role.allCases.map(\.rawValue)
                    self.reader.report(
                        .invalidValue, at: entry.value, "unknown role '\(text)'", expected: "server or client",
                        suggestion: NameSuggestion.closest(to: text, among: names))
                }
            case "port":
                guard let value = self.reader.unsigned(entry.value, "\(what).port", bits: 16) else { continue }
                if value == 0 {
                    self.reader.report(
                        .invalidValue, at: entry.value, "\(what).port must not be 0", expected: "1...65535")
                } else {
                    port = UInt16(value)
                }
            case "addresses":
                addresses = self.addresses(entry.value, "\(what).addresses")
            case "udp":
                udpPort = self.udpPort(entry.value, "\(what).udp")
            default:
                continue
            }
        }
        return ScenarioEndpointEntries(role: role, port: port, addresses: addresses, udpPort: udpPort)
    }

    private func capabilities(_ node: Node) -> [String] {
        self.reader.listOrSingle(node).compactMap { element in
            guard let name = self.reader.string(element, "a requires: entry") else { return nil }
            guard self.vocabulary.capabilities.contains(name) else {
                self.reader.report(
                    .invalidValue, at: element, "unknown capability '\(name)'",
                    expected: "one of: " + self.vocabulary.capabilities.joined(separator: ", "),
                    suggestion: NameSuggestion.closest(to: name, among: self.vocabulary.capabilities))
                return nil
            }
            return name
        }
    }

    private func ignoredKinds(_ node: Node) -> Set<String> {
        if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.string == "none" {
            return []
        }
        // `ignore: all`: every chunk kind, unknown chunk types included (a fuzz finding's reproducer).
        if case .scalar(let scalar) = node, scalar.string == "all" {
            return Set(self.vocabulary.chunks.keys)
        }
        var kinds: Set<String> = []
        for element in self.reader.listOrSingle(node) {
            guard let kind = self.reader.string(element, "an ignore: entry"), self.checkChunkKind(kind, at: element)
            else { continue }
            kinds.insert(kind)
        }
        return kinds
    }

    /// `defaults: {within: 1s, quiet: 1s}`: the default `expect` window and the quiet period after
    /// the last step.
    private func defaults(_ node: Node) -> (within: ScenarioDuration?, quiet: ScenarioDuration?) {
        guard let entries = self.reader.mapping(node, "defaults") else { return (nil, nil) }
        self.reader.checkKeys(entries, in: node, allowed: ["within", "quiet"], "defaults")
        let duration = { (key: String) in
            entries.first(where: { $0.key == key }).flatMap { self.reader.duration($0.value, "defaults.\(key)") }
        }
        return (duration("within"), duration("quiet"))
    }

    // MARK: Shared checks

    /// Whether `kind` is a chunk kind; reports an unknown kind with a suggestion.
    func checkChunkKind(_ kind: String, at node: Node) -> Bool {
        if self.vocabulary.chunks[kind] != nil { return true }
        let kinds = self.vocabulary.chunks.keys.sorted()
        self.reader.report(
            .unknownKind, at: node, "unknown chunk kind '\(kind)'",
            expected: "a chunk kind such as init, init-ack, data, sack, or chunk: {type: ...} for any type",
            suggestion: NameSuggestion.closest(to: kind, among: kinds + ["chunk"]))
        return false
    }
}
