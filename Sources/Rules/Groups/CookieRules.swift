import SCTPWire

/// State Cookie validation (RFC 9260 §5.1, §5.1.5, §5.2.4, §3.3.10.3): a COOKIE ECHO returns an
/// offered cookie unchanged, only a valid one establishes anything, and a stale one is reported
/// with how stale it was.
enum CookieRules {
    static let echoMatchesOffer = RuleDescriptor(
        "cookie.echo-matches-offer", family: .cookie, sections: [.sctp("5.1"), .sctp("3.3.11")], severity: .must,
        statement: "A COOKIE ECHO returns, unchanged and under the same tag, the State Cookie of an INIT ACK "
            + "its sender received.")
    static let invalidEchoIgnored = RuleDescriptor(
        "cookie.invalid-echo-ignored", family: .cookie, sections: [.sctp("5.1.5"), .sctp("5.2.4")],
        severity: .must,
        statement: "A COOKIE ECHO whose cookie was not offered, was altered, is late or comes under another tag "
            + "establishes nothing: no COOKIE ACK, nothing bundled with it acknowledged.")
    static let staleMeasure = RuleDescriptor(
        "cookie.stale-measure", family: .cookie, sections: [.sctp("3.3.10.3")], severity: .should,
        statement: "A Stale Cookie error gives a non-zero measure of staleness: how long ago the cookie expired.")
    static let staleNotEstablished = RuleDescriptor(
        "cookie.stale-not-established", family: .cookie, sections: [.sctp("5.1.5")], severity: .must,
        statement: "An endpoint that reports a cookie stale does not also accept that COOKIE ECHO with a "
            + "COOKIE ACK.")

    static let rules = [echoMatchesOffer, invalidEchoIgnored, staleMeasure, staleNotEstablished]

    static func onCookieEcho(
        _ chunk: CookieEchoChunk, _ context: inout PacketContext, _ association: inout AssociationState,
        sink: inout FindingSink
    ) {
        let tag = context.tag
        let sender = context.sender
        let receiver = context.receiver
        let offers = association.sides[receiver].offers
        if association.sawSetup {
            Self.judgeEcho(chunk.cookie, tag: tag, offers: offers, context, sink: &sink)
        }
        if let invalidAt = association.sides[sender].invalidInitAcks[tag] {
            sink.report(
                InitiationRules.invalidNotAccepted.citing(.sctp("3.3.3")),
                "COOKIE ECHO answers the INIT ACK of packet #\(invalidAt), which carried a zero Initiate Tag, "
                    + "OS or MIS", context, related: [invalidAt])
        }
        UnrecognizedRules.onCookieEcho(tag: tag, context, &association)
        if association.sides[sender].state == .cookieWait {
            association.sides[sender].state = .cookieEchoed
        }
        context.followsCookieEcho = true
        guard context.discard == nil, association.sawSetup else { return }
        let offer = offers.last { $0.cookie == chunk.cookie }
        var rejection: String?
        if let offer {
            if offer.tag != tag {
                rejection =
                    "it came with tag \(RuleText.hex(tag)), not the tag \(RuleText.hex(offer.tag)) of its cookie"
            } else if let committed = association.sides[receiver].committed, committed.isAcknowledgement,
                committed.packet > offer.packet, committed.tag != offer.tag,
                association.sides[receiver].state.isEstablishedOrShuttingDown
            {
                rejection =
                    "its cookie, from packet #\(offer.packet), is older than the association settled by "
                    + "packet #\(committed.packet) (a late cookie)"
            }
        } else {
            rejection = "its cookie was never offered by \(association.sides[receiver].endpoint)"
        }
        association.sides[receiver].lastEcho = ReceivedEcho(packet: context.number, offer: offer, rejection: rejection)
        if let offer, rejection == nil {
            AssociationLifecycle.commit(
                offer: offer, receiver: receiver, packet: context.number, &association, sink: &sink)
        } else {
            context.discard = .invalidCookie
        }
    }

    private static func judgeEcho(
        _ cookie: [UInt8], tag: UInt32, offers: [InitiationProposal], _ context: PacketContext, sink: inout FindingSink
    ) {
        let underTag = offers.filter { $0.tag == tag }
        guard let latest = underTag.last else {
            sink.report(
                Self.echoMatchesOffer,
                "COOKIE ECHO under tag \(RuleText.hex(tag)), but no INIT ACK with that Initiate Tag was received",
                context)
            return
        }
        if underTag.contains(where: { $0.cookie == cookie }) { return }
        let offered = latest.cookie ?? []
        sink.report(
            Self.echoMatchesOffer,
            "COOKIE ECHO cookie (\(cookie.count) bytes) differs from the one offered in packet #\(latest.packet) "
                + "(\(offered.count) bytes)" + Self.firstDifference(cookie, offered),
            context, related: [latest.packet])
    }

    private static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> String {
        guard let index = zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset else {
            return ""
        }
        return ", first at byte \(index)"
    }

    static func onCookieAck(_ context: PacketContext, _ association: inout AssociationState, sink: inout FindingSink) {
        let sender = context.sender
        if association.sawSetup {
            if let echo = association.sides[sender].lastEcho {
                if let rejection = echo.rejection {
                    sink.report(
                        Self.invalidEchoIgnored,
                        "COOKIE ACK follows the COOKIE ECHO of packet #\(echo.packet), which must be discarded: "
                            + rejection, context, related: [echo.packet])
                } else if echo.declaredStale {
                    sink.report(
                        Self.staleNotEstablished,
                        "COOKIE ACK for the COOKIE ECHO of packet #\(echo.packet), already reported stale", context,
                        related: [echo.packet])
                }
            } else {
                sink.report(Self.invalidEchoIgnored, "COOKIE ACK without any COOKIE ECHO received", context)
            }
        }
        guard context.receiverProcesses else { return }
        let receiver = context.receiver
        switch association.sides[receiver].state {
        case .cookieWait, .cookieEchoed: association.sides[receiver].state = .established
        case .closed, .established, .shutdownSent, .shutdownReceived, .shutdownAckSent: break
        }
    }

    static func onError(
        _ chunk: ErrorChunk, _ context: PacketContext, _ association: inout AssociationState, sink: inout FindingSink
    ) {
        for cause in chunk.causes {
            guard case .staleCookieError(let stale) = cause else { continue }
            if stale.stalenessMicroseconds == 0 {
                sink.report(Self.staleMeasure, "Stale Cookie error with a measure of staleness of 0", context)
            }
            let sender = context.sender
            guard var echo = association.sides[sender].lastEcho else { continue }
            echo.declaredStale = true
            association.sides[sender].lastEcho = echo
            if association.sides[sender].establishedByEcho == echo.packet,
                association.sides[sender].state == .established
            {
                association.sides[sender].state = .closed
            }
        }
    }
}
