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

    static func judge(_ view: PacketView, into findings: inout PacketFindings) {
        guard view.chunkCount > 1 else { return }
        // Chunk types only (read from the bytes when the packet was decoded): no chunk is copied.
        let types = view.decodedChunkTypes
        func report(_ rule: RuleDescriptor, _ message: String) {
            findings.report(rule, message)
        }
        if view.contains(.initiation) || view.contains(.initiationAck) || view.contains(.shutdownComplete),
            let lonely = types.first(where: { $0 == .initiation || $0 == .initiationAck || $0 == .shutdownComplete })
        {
            report(Self.singleChunkTypes, "\(PacketFormatRules.name(lonely)) bundled: \(view.chunkSummary)")
        }
        if Self.hasControlAfterData(view),
            let firstData = types.firstIndex(where: Self.isData),
            let late = types[firstData...].firstIndex(where: Self.isControl)
        {
            report(
                Self.controlBeforeData,
                "\(PacketFormatRules.name(types[late])) (chunk \(late + 1)) follows "
                    + "\(PacketFormatRules.name(types[firstData])) (chunk \(firstData + 1))")
        }
        // An AUTH chunk authenticating the COOKIE ECHO (or COOKIE ACK) comes before it (RFC 4895 §6.2):
        // only AUTH may precede them.
        if view.contains(.cookieEcho) || view.contains(.cookieAck) {
            for (index, type) in types.enumerated().dropFirst()
            where (type == .cookieEcho || type == .cookieAck) && !types[..<index].allSatisfy({ $0 == .auth }) {
                report(Self.cookieFirst, "\(PacketFormatRules.name(type)) is chunk \(index + 1): \(view.chunkSummary)")
            }
        }
        if view.contains(.abort) {
            Self.judgeAbort(types, report: report)
        }
    }

    private static func judgeAbort(_ types: DecodedChunkTypes, report: (RuleDescriptor, String) -> Void) {
        guard let abort = types.firstIndex(of: .abort) else { return }
        if let data = types.firstIndex(where: Self.isData) {
            report(
                Self.abortLast,
                "ABORT (chunk \(abort + 1)) bundled with \(PacketFormatRules.name(types[data])) (chunk \(data + 1))")
        } else if let late = types[(abort + 1)...].firstIndex(where: Self.isControl) {
            report(
                Self.abortLast,
                "\(PacketFormatRules.name(types[late])) (chunk \(late + 1)) follows ABORT (chunk \(abort + 1))")
        }
    }

    /// Whether a control chunk follows a DATA or I-DATA chunk, in one pass over the decoded chunks
    /// (the common packet, SACK then DATA, answers no without building a list of types).
    private static func hasControlAfterData(_ view: PacketView) -> Bool {
        var sawData = false
        for chunk in view.chunks {
            switch chunk {
            case .data: sawData = true
            case .sack: if sawData { return true }
            case .other(let typed): if sawData, Self.isControl(typed.type) { return true }
            }
        }
        return false
    }

    static func isData(_ type: ChunkType) -> Bool {
        type == .data || type == .iData
    }

    /// Registered non-data chunks; PAD (RFC 4820) and unknown types may sit anywhere.
    static func isControl(_ type: ChunkType) -> Bool {
        type.isKnown && !Self.isData(type) && type != .pad
    }
}
