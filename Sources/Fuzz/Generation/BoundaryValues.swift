import Runner

/// The dictionary field values are drawn from: the boundaries of the field's width (0, 1, max, the
/// sign bit), the association's current tags, TSNs and stream counts from the model, values around
/// them, and TSN wrap-around (RFC 9260 §1.6 serial number arithmetic).
public struct BoundaryValues: Sendable {
    /// What the harness knows of the association at this point of the case.
    public var model: AssociationModel

    public init(model: AssociationModel) {
        self.model = model
    }

    /// Width boundaries of an unsigned field of `bits` bits.
    public static func boundaries(bits: Int) -> [UInt64] {
        let maximum: UInt64 = bits >= 64 ? .max : (1 << UInt64(bits)) - 1
        let half: UInt64 = bits >= 64 ? 1 << 63 : 1 << UInt64(max(0, bits - 1))
        return [0, 1, 2, maximum, maximum - 1, half, half - 1]
    }

    /// TSNs that matter now: the next the harness sends, around it (gaps, duplicates), the SUT's
    /// cumulative TSN and what it acknowledged, and wrap-around values.
    public var tsns: [UInt64] {
        let next = self.model.ourNextTSN
        var values: [UInt32] = [next, next, next, next &+ 1, next &+ 2, next &- 1, next &- 2, next &+ 0x7FFF_FFFF]
        if let cumulative = self.model.peerCumulativeTSN { values += [cumulative, cumulative, cumulative &+ 1] }
        if let acknowledged = self.model.acknowledgedByPeer { values += [acknowledged, acknowledged &+ 1] }
        if let initial = self.model.peerInitialTSN { values.append(initial) }
        values += [0xFFFF_FFFF, 0x8000_0000, 0]
        return values.map(UInt64.init)
    }

    /// Tags that matter: the SUT's, the harness's, zero, and another association's.
    public var tags: [UInt64] {
        var values: [UInt32] = [self.model.ourTag, 0, 1, 0xFFFF_FFFF, self.model.ourTag ^ 0x5A5A_5A5A]
        if let peer = self.model.peerTag { values += [peer, peer, peer &+ 1] }
        return values.map(UInt64.init)
    }

    /// Stream identifiers around the negotiated counts.
    public var streams: [UInt64] {
        let outbound = UInt64(self.model.ourOutboundStreams)
        var values: [UInt64] = [0, 0, 1, outbound &- 1, outbound, outbound + 1, 0xFFFF]
        if let inbound = self.model.peerInboundStreams { values += [UInt64(inbound) &- 1, UInt64(inbound)] }
        if let outboundPeer = self.model.peerOutboundStreams { values += [UInt64(outboundPeer) &- 1] }
        return values.map { $0 & 0xFFFF }
    }

    /// Stream sequence numbers: the next per stream 0, around it, and the boundaries.
    public var sequences: [UInt64] {
        let next = UInt64(self.model.nextStreamSequence[0] ?? 0)
        return [next, next, next + 1, next &- 1, 0, 0xFFFF].map { $0 & 0xFFFF }
    }

    /// Values next to the plausible one of field `name`: a gap of one or two TSNs, a duplicate, the
    /// stream just inside or outside the negotiated count (empty for fields the model says nothing of).
    public func nearby(name: String, bits: Int) -> [UInt64] {
        let mask: UInt64 = bits >= 64 ? .max : (1 << UInt64(bits)) - 1
        let next = self.model.ourNextTSN
        let values: [UInt64]
        if name.includes("tsn") {
            values = [next &+ 1, next &+ 1, next &+ 2, next &- 1].map(UInt64.init)
        } else if name == "stream_id" {
            let outbound = UInt64(self.model.ourOutboundStreams)
            values = [1, outbound &- 1, outbound]
        } else if name.includes("seq") {
            let sequence = UInt64(self.model.nextStreamSequence[0] ?? 0)
            values = [sequence + 1, sequence &- 1]
        } else {
            values = []
        }
        return values.map { $0 & mask }
    }

    /// Values for the field `name` of `bits` bits: the model's for fields whose name says what they
    /// hold, else the width boundaries.
    public func candidates(name: String, bits: Int) -> [UInt64] {
        let mask: UInt64 = bits >= 64 ? .max : (1 << UInt64(bits)) - 1
        let values: [UInt64]
        if name.includes("tsn") {
            values = self.tsns
        } else if name.includes("tag") {
            values = self.tags
        } else if name == "stream_id" || name.hasSuffix("stream") || name == "streams" || name.includes("stream_number")
        {
            values = self.streams
        } else if name.includes("seq") || name == "ssn" || name == "mid" || name == "fsn" {
            values = self.sequences + [UInt64(self.model.ourNextTSN)]
        } else if name.includes("rwnd") || name.includes("window") {
            values = [0, 1, 1500, 106_496, 0xFFFF_FFFF]
        } else if name.includes("outbound_streams") || name.includes("inbound_streams") {
            values = [0, 1, 2, 10, 0xFFFF]
        } else if name == "ppid" {
            values = [0, 46, 50, 51, 53, 0xFFFF_FFFF]
        } else {
            values = []
        }
        return (values + Self.boundaries(bits: bits)).map { $0 & mask }
    }
}

extension String {
    /// Whether `part` occurs in the string, compared byte for byte (field names and formats are ASCII):
    /// the generators ask this for every field they draw, and Foundation's `contains` is far slower.
    func includes(_ part: String) -> Bool {
        self.utf8.firstRange(of: part.utf8) != nil
    }
}
