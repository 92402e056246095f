import SCTPWire

/// Fixed chunk fields (RFC 9260 §3.2, §3.3): flag bits a chunk type does not define.
enum ChunkFieldRules {
    static let reservedFlags = RuleDescriptor(
        "chunk.reserved-flags", family: .chunk, sections: [.sctp("3.2"), .sctp("3.3")], severity: .should,
        statement: "Flag bits a chunk type does not define are sent as zero.")

    static let rules = [reservedFlags]

    static func judge(_ view: PacketView, associationID: Int?, sink: inout FindingSink) {
        for (index, chunk) in view.chunks.enumerated() {
            let defined = Self.definedFlags(chunk.type)
            guard let defined, chunk.flags & ~defined != 0 else { continue }
            sink.report(
                Self.reservedFlags,
                "chunk \(index + 1) (\(PacketFormatRules.name(chunk.type))) has flags \(RuleText.hex8(chunk.flags)); "
                    + "only \(RuleText.hex8(defined)) are defined",
                by: view.source, packet: view.number, time: view.time, association: associationID)
        }
    }

    /// The flag bits RFC 9260 (and RFC 8260 for I-DATA) define, nil for types not judged here.
    static func definedFlags(_ type: ChunkType) -> UInt8? {
        switch type {
        case .data, .iData: 0x0F
        case .abort, .shutdownComplete: 0x01
        case .initiation, .initiationAck, .sack, .heartbeat, .heartbeatAck, .shutdown, .shutdownAck, .error,
            .cookieEcho, .cookieAck:
            0x00
        default: nil
        }
    }
}
