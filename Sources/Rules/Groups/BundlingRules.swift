import SCTPWire

/// Which chunks may share a packet, and in which order (RFC 9260 §6.10, §5.1, §3.3.7).
enum BundlingRules {
    static let singleChunkTypes = RuleDescriptor(
        "bundling.single-chunk-types", family: .bundling, sections: [.sctp("6.10"), .sctp("8.5.1")],
        severity: .must, statement: "INIT, INIT ACK and SHUTDOWN COMPLETE travel alone in their packet.")
    static let controlBeforeData = RuleDescriptor(
        "bundling.control-before-data", family: .bundling, sections: [.sctp("6.10")], severity: .must,
        statement: "Control chunks come before the first DATA or I-DATA chunk of a packet.")
    static let cookieFirst = RuleDescriptor(
        "bundling.cookie-first", family: .bundling, sections: [.sctp("5.1"), RFCSection(rfc: 4895, "6.2")],
        severity: .must,
        statement: "A bundled COOKIE ECHO or COOKIE ACK is the first chunk of its packet, after AUTH chunks only.")

    static let abortLast = RuleDescriptor(
        "bundling.abort-last", family: .bundling, sections: [.sctp("3.3.7")], severity: .must,
        statement: "An ABORT shares its packet with no DATA or I-DATA, and control chunks bundled with it come "
            + "before it.")

    static let rules = [singleChunkTypes, controlBeforeData, cookieFirst, abortLast]

    static func judge(_ view: PacketView, associationID: Int?, sink: inout FindingSink) {
        guard view.chunkCount > 1 else { return }
        let chunks = view.chunks
        func report(_ rule: RuleDescriptor, _ message: String) {
            sink.report(
                rule, message, by: view.source, packet: view.number, time: view.time, association: associationID)
        }
        if let lonely = chunks.first(where: { [.initiation, .initiationAck, .shutdownComplete].contains($0.type) }) {
            report(Self.singleChunkTypes, "\(PacketFormatRules.name(lonely.type)) bundled: \(view.chunkSummary)")
        }
        if let firstData = chunks.firstIndex(where: { Self.isData($0.type) }),
            let late = chunks[firstData...].firstIndex(where: { Self.isControl($0.type) })
        {
            report(
                Self.controlBeforeData,
                "\(PacketFormatRules.name(chunks[late].type)) (chunk \(late + 1)) follows "
                    + "\(PacketFormatRules.name(chunks[firstData].type)) (chunk \(firstData + 1))")
        }
        // An AUTH chunk authenticating the COOKIE ECHO (or COOKIE ACK) comes before it (RFC 4895 §6.2):
        // only AUTH may precede them.
        for (index, chunk) in chunks.enumerated().dropFirst()
        where (chunk.type == .cookieEcho || chunk.type == .cookieAck)
            && !chunks[..<index].allSatisfy({ $0.type == .auth })
        {
            report(
                Self.cookieFirst, "\(PacketFormatRules.name(chunk.type)) is chunk \(index + 1): \(view.chunkSummary)")
        }
        Self.judgeAbort(chunks, report: report)
    }

    /// DATA with an ABORT, or a registered chunk after it (the receiver ignores what follows the
    /// ABORT; PAD and unknown types are not judged).
    private static func judgeAbort(_ chunks: [Chunk], report: (RuleDescriptor, String) -> Void) {
        guard let abort = chunks.firstIndex(where: { $0.type == .abort }) else { return }
        if let data = chunks.firstIndex(where: { Self.isData($0.type) }) {
            report(
                Self.abortLast,
                "ABORT (chunk \(abort + 1)) bundled with \(PacketFormatRules.name(chunks[data].type)) "
                    + "(chunk \(data + 1))")
        } else if let late = chunks[(abort + 1)...].firstIndex(where: { Self.isControl($0.type) }) {
            report(
                Self.abortLast,
                "\(PacketFormatRules.name(chunks[late].type)) (chunk \(late + 1)) follows ABORT (chunk \(abort + 1))")
        }
    }

    static func isData(_ type: ChunkType) -> Bool {
        type == .data || type == .iData
    }

    /// Registered non-data chunks; PAD (RFC 4820) and unknown types may sit anywhere.
    static func isControl(_ type: ChunkType) -> Bool {
        type.isKnown && !Self.isData(type) && type != .pad
    }
}
