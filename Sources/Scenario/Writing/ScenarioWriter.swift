import NetworkLayers

/// Writes a `Scenario` as YAML in the style of the files in `Scenarios/` (see `Scenarios/README.md`):
/// a block mapping at the top, `sut: {role: server, port: 5001}` and the other small values as flow
/// mappings, the steps as a list with each action on one line where it fits, patterns as the text the
/// loader reads (`"!= 0 -> peer_tag"`, `1..$our_mis`), durations as `200ms`, bytes as quoted text or
/// `0x` hex.
///
/// Loading the text gives back the scenario, apart from where things were written (`file` and every
/// `FileLocation`; compare with `Scenario.locationsErased`). A scenario that starts from a preamble is
/// written as `from: <name>` and its own steps, as long as its steps still begin with the preamble's.
///
/// Every value the loader produces can be written. A few values the model can hold have no spelling
/// in the format and are written as the nearest thing the loader reads: text starting with `$` in a text
/// field (read as a variable), text containing `->` in a pattern (read as a capture), a sum whose right
/// operand is itself a sum (the grammar is left-associative), `ChunkTemplate.flags` (the loader takes a
/// chunk's flags as its `flags` field), and a range with neither end.
///
/// Each model element is written by one method (`endpoint`, `step`, `packetModifiers`, `chunkTemplate`,
/// `fieldPattern`, ...), so a new key is added in one place.
public struct ScenarioWriter: Sendable {
    /// Field types come from here, so a value is written the way the loader reads that field.
    public var vocabulary: ScenarioVocabulary
    /// The column limit; a step's action longer than this is broken into indented lines.
    public var width: Int

    public init(vocabulary: ScenarioVocabulary = .standard, width: Int = 120) {
        self.vocabulary = vocabulary
        self.width = width
    }

    /// The scenario as the text of a YAML file (ending with a newline).
    public func write(_ scenario: Scenario) -> String {
        let renderer = YAMLTextRenderer(width: self.width)
        var lines: [String] = []
        for (key, value) in self.document(scenario) {
            if key == "steps" || key == "known_deviations", case .sequence(let elements) = value, !elements.isEmpty {
                lines.append(key + ":")
                lines += elements.flatMap { renderer.itemLines($0, indent: 2) }
            } else {
                lines += renderer.entryLines(key, value, indent: 0)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The top-level keys in the order the shipped files use.
    func document(_ scenario: Scenario) -> [(key: String, value: YAMLText)] {
        var entries: [(key: String, value: YAMLText)] = [("id", .plain(scenario.id)), ("title", .plain(scenario.title))]
        if !scenario.rfc.isEmpty { entries.append(("rfc", .sequence(scenario.rfc.map { .quoted($0) }))) }
        if !scenario.etsi.isEmpty { entries.append(("etsi", .sequence(scenario.etsi.map { .plain($0) }))) }
        let ownSteps = self.ownSteps(of: scenario)
        if ownSteps.preamble != nil, let preamble = scenario.preamble {
            entries.append(("from", .plain(preamble.name)))
        }
        entries.append(
            ("sut", self.endpoint(
                role: scenario.role, port: scenario.sutPort, addresses: scenario.sutAddresses,
                standard: Scenario.standardSUTAddress, udpPort: scenario.udp?.sutPort)))
        entries.append(
            ("peer", self.endpoint(
                role: nil, port: scenario.peerPort, addresses: scenario.peerAddresses,
                standard: Scenario.standardPeerAddress, udpPort: scenario.udp?.peerPort)))
        if !scenario.requires.isEmpty { entries.append(("requires", .sequence(scenario.requires.map { .plain($0) }))) }
        if !scenario.options.isEmpty { entries.append(("options", self.socketOptions(scenario.options))) }
        if scenario.ignore == Set(self.vocabulary.chunks.keys) {
            entries.append(("ignore", .plain("all")))
        } else if scenario.ignore != Scenario.standardIgnore {
            entries.append(("ignore", .sequence(scenario.ignore.sorted().map { .plain($0) })))
        }
        if let defaults = self.defaults(within: scenario.defaultWithin, quiet: scenario.quietPeriod) {
            entries.append(("defaults", defaults))
        }
        if let notes = scenario.notes { entries.append(("notes", .plain(notes))) }
        entries.append(("steps", .sequence(ownSteps.steps.map { self.step($0) })))
        if !scenario.knownDeviations.isEmpty {
            entries.append(("known_deviations", .sequence(scenario.knownDeviations.map { self.knownDeviation($0) })))
        }
        return entries
    }

    /// The steps to write: the scenario's own when its steps still begin with its preamble's (then
    /// `from:` names the preamble), else all of them.
    func ownSteps(of scenario: Scenario) -> (preamble: ScenarioPreamble?, steps: ArraySlice<Step>) {
        if let preamble = scenario.preamble, scenario.steps.starts(with: preamble.steps) {
            return (preamble, scenario.steps.dropFirst(preamble.steps.count))
        }
        return (nil, scenario.steps[...])
    }

    // MARK: Header

    /// `{role: server, port: 5001}` (`sut`) or `{port: 5000}` (`peer`), with `addresses` when not the
    /// standard one and `udp: {port: 9899}` for a UDP-encapsulated run.
    func endpoint(
        role: Scenario.Role?, port: UInt16, addresses: [IPAddress], standard: IPAddress, udpPort: UInt16?
    ) -> YAMLText {
        var entries: [(key: String, value: YAMLText)] = []
        if let role { entries.append(("role", .plain(role.rawValue))) }
        entries.append(("port", .plain(String(port))))
        if addresses != [standard] {
            entries.append(("addresses", .sequence(addresses.map { self.address($0) })))
        }
        if let udpPort {
            entries.append(("udp", .mapping([("port", .plain(String(udpPort)))])))
        }
        return .mapping(entries)
    }

    /// An IP address literal; quoted, so an IPv6 address's colons never read as YAML syntax.
    func address(_ address: IPAddress) -> YAMLText {
        .quoted(address.description)
    }

    /// `{within: 1s, quiet: 2s}` with the keys that differ from the standard values, nil when none do.
    func defaults(within: ScenarioDuration, quiet: ScenarioDuration) -> YAMLText? {
        var entries: [(key: String, value: YAMLText)] = []
        if within != Scenario.standardWithin { entries.append(("within", self.duration(within))) }
        if quiet != Scenario.standardQuietPeriod { entries.append(("quiet", self.duration(quiet))) }
        return entries.isEmpty ? nil : .mapping(entries)
    }

    /// One `known_deviations:` entry.
    func knownDeviation(_ deviation: KnownDeviation) -> YAMLText {
        var entries: [(key: String, value: YAMLText)] = [
            ("target", .plain(deviation.target)), ("step", .plain(String(deviation.step))),
            ("reason", .quoted(deviation.reason)),
        ]
        if let reference = deviation.reference { entries.append(("reference", .quoted(reference))) }
        return .mapping(entries)
    }

    /// `200ms`, `1.5s` is written `1500ms`: the shortest exact form the loader reads.
    func duration(_ duration: ScenarioDuration) -> YAMLText {
        .plain(duration.description)
    }
}
