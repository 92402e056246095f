import NetworkLayers

/// A loaded scenario file: who plays which role, what to send, what to expect.
///
/// See `Scenarios/README.md` for the file format.
public struct Scenario: Hashable, Sendable {
    /// Whether the SUT accepts (server) or initiates (client) the association.
    public enum Role: String, Hashable, Sendable, CaseIterable {
        case server
        case client
    }

    /// Short unique name (`handshake`), used for report file names.
    public var id: String
    public var title: String
    /// The file as the user named it.
    public var file: String
    /// RFC sections the scenario checks (`RFC 9260 §5.1`).
    public var rfc: [String]
    /// ETSI TS 102 369 test purposes (`sctp-as-v-1-1-2`), each checked against the index.
    public var etsi: [String]
    public var role: Role
    /// The SCTP port of the SUT.
    public var sutPort: UInt16
    /// The SCTP port of the harness.
    public var peerPort: UInt16
    /// The SUT's IP addresses (`sut: {addresses: [...]}`), never empty; the first is where the
    /// harness sends unless a step names another (`to:`).
    public var sutAddresses: [IPAddress]
    /// The harness's IP addresses (`peer: {addresses: [...]}`), never empty, of the SUT's family;
    /// several for a multihomed harness. The first is where the harness sends from unless a step
    /// names another (`from:`).
    public var peerAddresses: [IPAddress]
    /// The UDP ports when the packets are UDP-encapsulated (RFC 6951; `sut: {udp: {port: 9899}}`),
    /// nil when they travel directly in IP.
    public var udp: UDPEncapsulation?
    /// Target capabilities needed beyond the role's (`virtual-time`, `socket-options`, ...).
    public var requires: [String]
    /// Socket options the SUT sets before the first step.
    public var options: [SocketOptionSetting]
    /// Chunk kinds whose packets the SUT may send at any time without failing an `expect`
    /// (default `[heartbeat]`); a packet is ignored only if all its chunks are of these kinds.
    public var ignore: Set<String>
    /// The window of an `expect` without `within:`.
    public var defaultWithin: ScenarioDuration
    /// How long the run goes on after the last step (`defaults: {quiet: ...}`): a packet the SUT
    /// sends in that time that no step took, ignored kinds aside, fails the run.
    public var quietPeriod: ScenarioDuration
    /// Free text: what the scenario shows, known deviations of particular stacks.
    public var notes: String?
    public var steps: [Step]
    /// Triaged failures of particular targets at particular steps (`known_deviations:`).
    public var knownDeviations: [KnownDeviation]
    /// The named state the scenario starts from (`from: established`); its steps are the first of `steps`.
    public var preamble: ScenarioPreamble?

    /// The window of an `expect` without `within:` unless the file says otherwise.
    public static let standardWithin = ScenarioDuration.seconds(1)
    /// The quiet period after the last step unless the file says otherwise.
    public static let standardQuietPeriod = ScenarioDuration.seconds(1)
    /// The SUT's address unless the file says otherwise (198.18.0.2, `IPAddress.defaultSUT`).
    public static let standardSUTAddress = IPAddress.defaultSUT
    /// The harness's address unless the file says otherwise (198.18.0.1, `IPAddress.defaultHarness`).
    public static let standardPeerAddress = IPAddress.defaultHarness
    /// The chunk kinds ignored unless the file says otherwise.
    public static let standardIgnore: Set<String> = ["heartbeat"]

    public init(
        id: String, title: String, file: String, rfc: [String] = [], etsi: [String] = [], role: Role,
        sutPort: UInt16, peerPort: UInt16, sutAddresses: [IPAddress] = [Scenario.standardSUTAddress],
        peerAddresses: [IPAddress] = [Scenario.standardPeerAddress], udp: UDPEncapsulation? = nil,
        requires: [String] = [], options: [SocketOptionSetting] = [],
        ignore: Set<String> = Scenario.standardIgnore, defaultWithin: ScenarioDuration = Scenario.standardWithin,
        quietPeriod: ScenarioDuration = Scenario.standardQuietPeriod, notes: String? = nil, steps: [Step],
        knownDeviations: [KnownDeviation] = [], preamble: ScenarioPreamble? = nil
    ) {
        self.id = id
        self.title = title
        self.file = file
        self.rfc = rfc
        self.etsi = etsi
        self.role = role
        self.sutPort = sutPort
        self.peerPort = peerPort
        self.sutAddresses = sutAddresses.isEmpty ? [Scenario.standardSUTAddress] : sutAddresses
        self.peerAddresses = peerAddresses.isEmpty ? [Scenario.standardPeerAddress] : peerAddresses
        self.udp = udp
        self.requires = requires
        self.options = options
        self.ignore = ignore
        self.defaultWithin = defaultWithin
        self.quietPeriod = quietPeriod
        self.notes = notes
        self.steps = steps
        self.knownDeviations = knownDeviations
        self.preamble = preamble
    }

    /// The waivers that apply to the target named `target`, by step number.
    public func knownDeviations(forTarget target: String) -> [KnownDeviation] {
        self.knownDeviations.filter { $0.target == target }.sorted { $0.step < $1.step }
    }
}
