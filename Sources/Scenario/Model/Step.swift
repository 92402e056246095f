import NetworkLayers

/// One step of a scenario, numbered from 1 in file order.
public struct Step: Hashable, Sendable {
    /// What the step does.
    public enum Action: Hashable, Sendable {
        /// Send one packet to the SUT.
        case send(PacketTemplate)
        /// Wait for a packet (or packets) from the SUT matching the expectation.
        case expect(PacketExpectation)
        /// Nothing (other than ignored chunks) may arrive within the window.
        case expectNothing
        /// Let virtual time pass; packets arriving meanwhile wait for the next `expect`.
        case wait(ScenarioDuration)
        /// An application action or expected application event.
        case application(ApplicationStep)
    }

    /// 1-based position in `steps:`.
    public var number: Int
    public var location: FileLocation
    public var action: Action
    /// Deadline relative to the step's start (`within: 200ms`); nil uses the scenario's default.
    public var within: ScenarioDuration?
    /// Earliest arrival relative to the step's start (`after: 1s`); nil means any time.
    public var after: ScenarioDuration?
    /// RFC sections this step checks (reported on failure instead of the scenario's own).
    public var rfc: [String]
    /// A free-text remark (printed with failures), e.g. why usrsctp behaves as it does here.
    public var note: String?
    /// `from:`. For `send`: the harness address the packet leaves from (nil: the first harness
    /// address). For `expect`: the SUT address the packet must come from (nil: any).
    public var from: IPAddress?
    /// `to:`. For `send`: the SUT address the packet goes to (nil: the first SUT address). For
    /// `expect`: the harness address the packet must reach (nil: any).
    public var to: IPAddress?

    public init(
        number: Int, location: FileLocation, action: Action, within: ScenarioDuration? = nil,
        after: ScenarioDuration? = nil, rfc: [String] = [], note: String? = nil, from: IPAddress? = nil,
        to: IPAddress? = nil
    ) {
        self.number = number
        self.location = location
        self.action = action
        self.within = within
        self.after = after
        self.rfc = rfc
        self.note = note
        self.from = from
        self.to = to
    }

    /// `send`, `expect`, `expect nothing`, `wait`, `app`.
    public var kindName: String {
        switch self.action {
        case .send: "send"
        case .expect: "expect"
        case .expectNothing: "expect nothing"
        case .wait: "wait"
        case .application: "app"
        }
    }
}
