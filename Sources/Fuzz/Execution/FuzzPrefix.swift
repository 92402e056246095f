import Scenario

/// The prefix a campaign starts from when none is given: the SUT listens on its standard port and
/// every input is out of the blue (RFC 9260 §8.4).
public enum FuzzPrefix {
    /// `app: listen` as a server on port 5001, the harness on 5000.
    public static var listening: Scenario {
        let location = FileLocation(file: "(fuzz: out of the blue)", line: 1, column: 1)
        return Scenario(
            id: "out-of-the-blue", title: "The SUT listens; the harness sends out-of-the-blue packets",
            file: location.file, role: .server, sutPort: 5001, peerPort: 5000,
            steps: [Step(number: 1, location: location, action: .application(.perform(.listen, expectFailure: false)))])
    }

    /// Whether the prefix sets an association up (its model reached ESTABLISHED or later).
    public static func isAssociated(_ baseline: FuzzBaseline) -> Bool {
        baseline.model.peerTag != nil && baseline.model.state != .closed
    }
}
