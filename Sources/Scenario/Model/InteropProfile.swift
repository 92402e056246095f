/// An interop profile (`sctpconform run --profile s1ap`): the SCTP port and payload protocol
/// identifier an application protocol uses, applied to every scenario of a run so that the handshake
/// and the verification-tag, cookie, stream and shutdown scenarios can be pointed as they are at
/// equipment that only answers on that port (an MME, an AMF).
///
/// `apply(to:)` changes a scenario in three places and nowhere else:
/// - the port of the side that listens: the SUT's port when the SUT is the server (the MME or AMF
///   listens on 36412 or 38412), the harness's when the SUT is the client (the eNB or gNB connects
///   to the harness playing the core);
/// - every DATA chunk the harness sends without a `ppid:` gets the profile's (RFC 9260 §3.3.1);
/// - every `app: send` whose PPID is 0 (unspecified, RFC 9260 §3.3.1) sends the profile's.
/// Explicit PPIDs, explicit header ports and every expectation are left as the file has them.
public struct InteropProfile: Hashable, Sendable {
    /// The name on the command line (`s1ap`).
    public var name: String
    /// The SCTP port of the listening side.
    public var port: UInt16
    /// The payload protocol identifier of the application's messages.
    public var ppid: UInt32
    /// What the profile is for, with the specification that registers the port and PPID.
    public var summary: String

    public init(name: String, port: UInt16, ppid: UInt32, summary: String) {
        self.name = name
        self.port = port
        self.ppid = ppid
        self.summary = summary
    }

    /// S1AP between an eNB and an MME: SCTP port 36412, PPID 18 (3GPP TS 36.412 §7).
    public static let s1ap = InteropProfile(
        name: "s1ap", port: 36412, ppid: 18, summary: "S1AP, eNB to MME (3GPP TS 36.412 §7)")
    /// NGAP between a gNB and an AMF: SCTP port 38412, PPID 60 (3GPP TS 38.412 §7).
    public static let ngap = InteropProfile(
        name: "ngap", port: 38412, ppid: 60, summary: "NGAP, gNB to AMF (3GPP TS 38.412 §7)")

    /// Every profile, in the order `--help` lists them.
    public static let all: [InteropProfile] = [.s1ap, .ngap]

    /// The profile called `name`, or nil.
    public static func named(_ name: String) -> InteropProfile? {
        Self.all.first { $0.name == name }
    }

    /// `scenario` with this profile's port and PPID (see the type's documentation for exactly what
    /// changes).
    public func apply(to scenario: Scenario) -> Scenario {
        var changed = scenario
        switch scenario.role {
        case .server: changed.sutPort = self.port
        case .client: changed.peerPort = self.port
        }
        changed.steps = scenario.steps.map { step in
            var step = step
            switch step.action {
            case .send(var template):
                template.chunks = template.chunks.map(self.withPPID)
                step.action = .send(template)
            case .application(.perform(.send(let stream, 0, let payload, let unordered), let expectFailure)):
                step.action = .application(
                    .perform(
                        .send(stream: stream, ppid: self.ppid, payload: payload, unordered: unordered),
                        expectFailure: expectFailure))
            default:
                break
            }
            return step
        }
        return changed
    }

    /// A DATA chunk without a `ppid:` gets the profile's; other chunks are left alone.
    private func withPPID(_ chunk: ChunkTemplate) -> ChunkTemplate {
        guard case .typed(let kind, let fields) = chunk.body, kind == "data",
            !fields.contains(where: { $0.name == "ppid" })
        else { return chunk }
        var chunk = chunk
        let assignment = FieldAssignment(
            name: "ppid", value: .expression(.literal(UInt64(self.ppid))), location: chunk.location)
        chunk.body = .typed(kind: kind, fields: fields + [assignment])
        return chunk
    }
}
