import Foundation
import Yams

/// `from: <name>`: the scenario starts from the state the preamble `Scenarios/preambles/<name>.yaml`
/// reaches. The preamble's steps are read as steps 1...k (located in the preamble file) and its
/// captures are defined for the scenario's own steps, which are numbered from k + 1.
///
/// A preamble file has the keys `title`, `sut` (with `role`), `peer`, `notes` and `steps`:
///
/// ```yaml
/// title: The SUT accepts an association (SUT as server)
/// sut: {role: server, port: 5001}
/// peer: {port: 5000}
/// steps:
///   - app: listen
///   - send: init
///   - expect: {init-ack: {initiate_tag: "!= 0 -> peer_tag"}}
///   ...
/// ```
extension ScenarioParser {
    static let preambleKeys = ["title", "sut", "peer", "notes", "steps"]

    /// Reads the preamble `from:` names, reporting an unknown name (with the known ones and a
    /// suggestion) and every error in the preamble file. Defines the preamble's captures and moves
    /// the numbering of the scenario's own steps past the preamble's.
    func preamble(_ node: Node) -> ScenarioPreamble? {
        guard let name = self.reader.string(node, "from") else { return nil }
        let known = self.preambles.names(for: self.reader.file)
        let valid = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        guard valid, let path = self.preambles.file(named: name, for: self.reader.file) else {
            let folders = self.preambles.searchFolders(for: self.reader.file).joined(separator: ", ")
            self.reader.report(
                .invalidValue, at: node, "unknown preamble '\(name)'",
                expected: known.isEmpty
                    ? "the name of a file in a preambles folder (searched: \(folders))"
                    : "one of: " + known.joined(separator: ", "),
                suggestion: NameSuggestion.closest(to: name, among: known))
            return nil
        }
        let location = FileLocation(file: path, line: 1, column: 1)
        guard let data = FileManager.default.contents(atPath: path), data.count <= ScenarioLoader.maximumFileSize,
            let text = String(data: data, encoding: .utf8)
        else {
            self.reader.report(ScenarioError(.unreadableFile, at: location, "cannot read the preamble '\(name)'"))
            return nil
        }
        let parser = ScenarioParser(file: path, vocabulary: self.vocabulary, preambles: self.preambles)
        let preamble = parser.parsePreamble(text, name: name)
        for error in parser.reader.collectedErrors {
            self.reader.report(error)
        }
        guard let preamble, parser.reader.errors.isEmpty else { return nil }
        self.capturedVariables.merge(parser.capturedVariables) { first, _ in first }
        self.stepOffset = preamble.steps.count
        return preamble
    }

    /// A preamble file: the SUT's role and ports it assumes, and its steps.
    func parsePreamble(_ text: String, name: String) -> ScenarioPreamble? {
        guard let root = self.compose(text, expected: "a mapping with title, sut and steps") else { return nil }
        guard let entries = self.reader.mapping(root, "a preamble file") else { return nil }
        self.reader.checkKeys(
            entries, in: root, allowed: Self.preambleKeys, required: ["title", "sut", "steps"], "a preamble")
        let value = { (key: String) in entries.first(where: { $0.key == key })?.value }
        _ = value("title").flatMap { self.reader.string($0, "title") }
        _ = value("notes").flatMap { self.reader.string($0, "notes") }
        let sut = value("sut").flatMap { self.endpoint($0, "sut", needsRole: true) }
        let peer = value("peer").flatMap { self.endpoint($0, "peer", needsRole: false) }
        if let stepsNode = value("steps") {
            self.laterCaptures = self.findCaptures(in: stepsNode)
        }
        let steps = value("steps").map { self.steps($0) } ?? []
        guard let role = sut?.role else { return nil }
        return ScenarioPreamble(
            name: name, file: self.reader.file, role: role, sutPort: sut?.port ?? Self.defaultSUTPort,
            peerPort: peer?.port ?? Self.defaultPeerPort, steps: steps)
    }

    /// The SUT's role: the scenario's `sut.role`, else the preamble's; the two must agree.
    func role(scenario: Scenario.Role?, at node: Node?, preamble: ScenarioPreamble?) -> Scenario.Role? {
        guard let preamble else { return scenario }
        if let scenario, scenario != preamble.role, let node {
            self.reader.report(
                .invalidValue, at: node,
                "sut.role is \(scenario.rawValue), but the preamble '\(preamble.name)' assumes the SUT is a "
                    + "\(preamble.role.rawValue)",
                expected: "role: \(preamble.role.rawValue), or a preamble for a \(scenario.rawValue)")
            return nil
        }
        return preamble.role
    }
}
