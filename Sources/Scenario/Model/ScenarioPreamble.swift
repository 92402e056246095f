/// A named starting state a scenario begins from (`from: established`): the steps of
/// `Scenarios/preambles/<name>.yaml`, which run before the scenario's own and whose captures
/// (`peer_tag`, ...) the scenario's steps may read.
///
/// A scenario with a preamble holds the preamble's steps at the front of its `steps` (numbered 1...k,
/// located in the preamble file) followed by its own (numbered k+1 on), so the runner needs no notion
/// of preambles; this value records where the front part came from, for the writer and for reports.
public struct ScenarioPreamble: Hashable, Sendable {
    /// The name after `from:` (the preamble file's name without `.yaml`).
    public var name: String
    /// The preamble file as found (relative when the scenario's path was).
    public var file: String
    /// The role the preamble's steps assume the SUT plays.
    public var role: Scenario.Role
    /// The ports the preamble declares (a scenario that names none uses these).
    public var sutPort: UInt16
    public var peerPort: UInt16
    /// The preamble's steps, numbered from 1.
    public var steps: [Step]

    public init(name: String, file: String, role: Scenario.Role, sutPort: UInt16, peerPort: UInt16, steps: [Step]) {
        self.name = name
        self.file = file
        self.role = role
        self.sutPort = sutPort
        self.peerPort = peerPort
        self.steps = steps
    }
}
