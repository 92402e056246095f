import SCTPWire

/// What an endpoint announced in an INIT or INIT ACK: the tag its peer must use, stream counts,
/// Initial TSN, optional features, and (INIT ACK) the cookie it offered.
struct InitiationProposal: Hashable, Sendable {
    /// The Initiate Tag.
    var tag: UInt32
    var outboundStreams: UInt16
    var inboundStreams: UInt16
    var initialTSN: UInt32
    /// The Zero Checksum Acceptable parameter was present (RFC 9653).
    var acceptsZeroChecksum: Bool
    /// For an INIT ACK: the Initiate Tag of the INIT it answers (its verification tag).
    var answeredTag: UInt32?
    /// For an INIT ACK: the State Cookie offered (nil for INIT, or an INIT ACK without one).
    var cookie: [UInt8]?
    /// The packet that carried it.
    var packet: Int

    init(_ chunk: InitChunk, packet: Int) {
        self.tag = chunk.initiateTag
        self.outboundStreams = chunk.outboundStreams
        self.inboundStreams = chunk.inboundStreams
        self.initialTSN = chunk.initialTSN
        self.acceptsZeroChecksum = chunk.parameters.contains { $0.parameterType == .zeroChecksumAcceptable }
        self.answeredTag = nil
        self.cookie = nil
        self.packet = packet
    }

    init(_ chunk: InitAckChunk, answering tag: UInt32, packet: Int) {
        self.tag = chunk.initiateTag
        self.outboundStreams = chunk.outboundStreams
        self.inboundStreams = chunk.inboundStreams
        self.initialTSN = chunk.initialTSN
        self.acceptsZeroChecksum = chunk.parameters.contains { $0.parameterType == .zeroChecksumAcceptable }
        self.answeredTag = tag
        self.cookie =
            chunk.parameters.lazy.compactMap { parameter -> [UInt8]? in
                if case .stateCookie(let cookie) = parameter { return cookie.cookie }
                return nil
            }.first
        self.packet = packet
    }

    var isAcknowledgement: Bool { self.answeredTag != nil }

    /// Whether any field is one RFC 9260 §3.3.2/§3.3.3 forbids (tag, OS or MIS of 0).
    var hasZeroMandatoryField: Bool {
        self.tag == 0 || self.outboundStreams == 0 || self.inboundStreams == 0
    }
}
