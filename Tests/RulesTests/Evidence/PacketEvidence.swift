import Rules
import SCTPWire

/// Evidence for the packet, bundling and chunk families: framing, padding, layout, checksums
/// (RFC 9260 §3, §3.2, §6.8; RFC 9653), bundling (§6.10, §5.1) and reserved flags (§3.2).
extension RuleEvidence {
    static let packetFormat: [RuleEvidence] = [
        RuleEvidence(
            "packet.framing", packet: 5, by: .a,
            violation: { c in
                c.handshake()
                c.sendBytes(.a, c.rawData(userData: [0x61], length: 200))
            },
            nearMiss: "a DATA of length 17 whose 3 padding bytes end the packet: the length is below the bytes "
                + "left, which is padding, not a broken frame"
        ) { c in
            c.handshake()
            c.sendBytes(.a, c.rawData(userData: [0x61]))
            c.send(.b, c.sack(cumulative: 1000))
        },
        RuleEvidence(
            "packet.padding-length", packet: 5, by: .a,
            violation: { c in
                c.handshake()
                c.sendBytes(.a, c.rawData(userData: [0x61], padding: []))
            },
            nearMiss: "the last chunk of the packet, 20 bytes long, needs no padding at all"
        ) { c in
            c.handshake()
            c.sendBytes(.a, c.rawData(userData: [0x61, 0x62, 0x63, 0x64], padding: []))
            c.send(.b, c.sack(cumulative: 1000))
        },
        RuleEvidence(
            "packet.padding-zero", packet: 5, by: .a,
            violation: { c in
                c.handshake()
                c.sendBytes(.a, c.rawData(userData: [0x61], padding: [0, 0x55, 0]))
            },
            nearMiss: "the same DATA padded with three zero bytes written by hand"
        ) { c in
            c.handshake()
            c.sendBytes(.a, c.rawData(userData: [0x61], padding: [0, 0, 0]))
            c.send(.b, c.sack(cumulative: 1000))
        },
        RuleEvidence(
            "packet.parameter-padding-zero", packet: 1, by: .a,
            violation: { c in
                c.sendBytes(.a, Self.rawInit(c, parameters: Self.supportedAddressTypes(padding: [0x55, 0x55])))
                c.send(.b, c.initAckChunk(tag: c.tagB, tsn: c.initialTSNB, cookie: c.cookie))
            },
            nearMiss: "non-zero bytes inside a parameter's value (a Padding parameter, RFC 4820, whose data means "
                + "nothing) and zero padding after each parameter"
        ) { c in
            let padding: [UInt8] = [0x80, 0x05, 0, 7, 0x55, 0x55, 0x55, 0]
            c.sendBytes(.a, Self.rawInit(c, parameters: padding + Self.supportedAddressTypes(padding: [0, 0])))
            c.send(.b, c.initAckChunk(tag: c.tagB, tsn: c.initialTSNB, cookie: c.cookie))
        },
        RuleEvidence(
            "packet.chunk-layout", packet: 7, by: .b,
            violation: { c in
                c.handshake()
                c.sendData(.a)
                c.sendData(.a)
                c.sendBytes(.b, Self.rawSACK(c, gapBlocks: []))
            },
            nearMiss: "a SACK built by hand whose gap block count matches the gap block it carries"
        ) { c in
            c.handshake()
            c.sendData(.a)
            c.sendData(.a)
            c.sendBytes(.b, Self.rawSACK(c, gapBlocks: [0, 2, 0, 2]))
        },
        RuleEvidence(
            "packet.has-chunks", packet: 5, by: .a,
            violation: { c in
                c.handshake()
                c.sendBytes(.a, Self.headerOnly(c))
            },
            nearMiss: "a packet whose only chunk is a PAD chunk (RFC 4820): it carries a chunk, nothing to act on"
        ) { c in
            c.handshake()
            c.send(.a, .pad(PadChunk(padding: [0, 0, 0, 0])))
        },
        RuleEvidence(
            "packet.checksum", packet: 5, by: .a,
            violation: { c in
                c.handshake()
                c.send(.a, c.data(tsn: 1000), checksum: .value(0xdead_beef))
            },
            nearMiss: "a checksum field of zero, not the CRC32c, to a peer that announced Zero Checksum "
                + "Acceptable (RFC 9653 §5.2)"
        ) { c in
            let acceptable = Parameter.zeroChecksumAcceptable(ZeroChecksumAcceptableParameter(errorDetectionMethod: 1))
            c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA, parameters: [acceptable]), tag: 0)
            c.send(.b, c.initAckChunk(tag: c.tagB, tsn: c.initialTSNB, cookie: c.cookie))
            c.send(.a, c.cookieEcho)
            c.send(.b, .cookieAck(CookieAckChunk()))
            c.send(.b, c.data(tsn: 5000), checksum: .zero)
            c.send(.a, c.sack(cumulative: 5000))
        },
        RuleEvidence(
            "packet.zero-checksum", packet: 5, by: .a,
            violation: { c in
                c.handshake()
                c.send(.a, c.data(tsn: 1000), checksum: .zero)
            },
            nearMiss: "zero checksums go one way only: B announced Zero Checksum Acceptable in its INIT ACK, "
                + "so A may send them to B, while B's own packets carry the CRC32c"
        ) { c in
            let acceptable = Parameter.zeroChecksumAcceptable(ZeroChecksumAcceptableParameter(errorDetectionMethod: 1))
            c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA), tag: 0)
            c.send(.b, c.initAckChunk(tag: c.tagB, tsn: c.initialTSNB, cookie: c.cookie, parameters: [acceptable]))
            c.send(.a, c.cookieEcho)
            c.send(.b, .cookieAck(CookieAckChunk()))
            c.send(.a, c.data(tsn: 1000), checksum: .zero)
            c.send(.b, c.sack(cumulative: 1000))
        },
        RuleEvidence(
            "packet.checksum-discard", packet: 6, by: .b, also: [ExpectedFinding("packet.checksum", 5, .a)],
            violation: { c in
                c.handshake()
                c.send(.a, c.data(tsn: 1000), checksum: .value(0xdead_beef))
                c.send(.b, c.sack(cumulative: 1000))
            },
            nearMiss: "B ignores the damaged DATA, then acknowledges its retransmission: the same TSN, now "
                + "received in a sound packet",
            nearMissAlso: [ExpectedFinding("packet.checksum", 5, .a)]
        ) { c in
            c.handshake()
            c.send(.a, c.data(tsn: 1000), checksum: .value(0xdead_beef))
            c.send(.b, c.sack(cumulative: 999))
            c.send(.a, c.data(tsn: 1000))
            c.send(.b, c.sack(cumulative: 1000))
        },
    ]

    static let bundlingAndFlags: [RuleEvidence] = [
        RuleEvidence(
            "bundling.single-chunk-types", packet: 7, by: .a,
            violation: { c in
                c.handshake()
                c.send(.a, c.shutdownChunk(cumulative: 4999))
                c.send(.b, .shutdownAck(ShutdownAckChunk()))
                c.send(.a, [c.sack(cumulative: 4999), c.shutdownComplete()])
            },
            nearMiss: "SHUTDOWN ACK may share its packet (here with a SACK); only the SHUTDOWN COMPLETE "
                + "after it travels alone"
        ) { c in
            c.handshake()
            c.send(.a, c.shutdownChunk(cumulative: 4999))
            c.send(.b, [c.sack(cumulative: 999), .shutdownAck(ShutdownAckChunk())])
            c.send(.a, c.shutdownComplete())
        },
        RuleEvidence(
            "bundling.control-before-data", packet: 6, by: .a,
            violation: { c in
                c.handshake()
                c.sendData(.b)
                c.send(.a, [c.data(tsn: 1000), c.sack(cumulative: 5000)])
            },
            nearMiss: "SACK before DATA, and a PAD chunk (RFC 4820, not a control chunk) after it"
        ) { c in
            c.handshake()
            c.sendData(.b)
            c.send(.a, [c.sack(cumulative: 5000), c.data(tsn: 1000), .pad(PadChunk(padding: [0, 0, 0, 0]))])
            c.send(.b, c.sack(cumulative: 1000))
        },
        RuleEvidence(
            "bundling.cookie-first", packet: 4, by: .b,
            violation: { c in
                c.startHandshake()
                c.send(.a, [c.cookieEcho, c.data(tsn: 1000)])
                c.send(.b, [c.sack(cumulative: 1000), .cookieAck(CookieAckChunk())])
            },
            nearMiss: "COOKIE ECHO after the AUTH chunk that authenticates it (RFC 4895 §6.2), bundled with DATA; "
                + "COOKIE ACK first, with SACK and DATA"
        ) { c in
            c.startHandshake()
            let auth = AuthChunk(sharedKeyID: 0, hmacID: 1, hmac: [UInt8](repeating: 0x5A, count: 20))
            c.send(.a, [.auth(auth), c.cookieEcho, c.data(tsn: 1000)])
            c.send(.b, [.cookieAck(CookieAckChunk()), c.sack(cumulative: 1000), c.data(tsn: 5000)])
            c.send(.a, c.sack(cumulative: 5000))
        },
        RuleEvidence(
            // The SACK after the ABORT also comes from an endpoint that has just ended its association.
            "bundling.abort-last", packet: 5, by: .a, also: [ExpectedFinding("handshake.no-tcb-chunks", 5, .a)],
            violation: { c in
                c.handshake()
                c.send(.a, [c.abort(), c.sack(cumulative: 4999)])
            },
            nearMiss: "a SACK bundled before the ABORT (control chunks may precede it, RFC 9260 §3.3.7)"
        ) { c in
            c.handshake()
            c.send(.a, [c.sack(cumulative: 4999), c.abort()])
        },
        RuleEvidence(
            "chunk.reserved-flags", packet: 5, by: .b,
            violation: { c in
                c.handshake()
                let sack = SACKChunk(
                    flags: ReservedChunkFlags(rawValue: 0x80), cumulativeTSNAck: 999, advertisedReceiverWindow: 1)
                c.send(.b, .sack(sack))
            },
            nearMiss: "DATA with all four of its defined flags set (I, U, B, E: 0x0F)"
        ) { c in
            c.handshake()
            let data = DataChunk(flags: [.beginning, .ending, .unordered, .immediate], tsn: 1000, userData: [1, 2, 3])
            c.send(.a, .data(data))
            c.send(.b, c.sack(cumulative: 1000))
        },
    ]

    /// A SACK from B acknowledging through 999 and announcing one gap block; `gapBlocks` is what it
    /// carries (empty: none, so its layout lies).
    static func rawSACK(_ c: Conversation, gapBlocks: [UInt8]) -> [UInt8] {
        var raw = RawPacket(
            SCTPPacket(header: CommonHeader(sourcePort: 7, destinationPort: 5000, verificationTag: c.tagA), chunks: []))
        raw.appendChunk(type: .sack, value: [0, 0, 0x03, 0xe7, 0, 1, 0, 0, 0, 1, 0, 0] + gapBlocks)
        raw.fillChecksum()
        return raw.bytes
    }

    /// An INIT from A (the conversation's tag and Initial TSN, 10 streams each way) whose parameter
    /// bytes, padding included, are `parameters` as given.
    static func rawInit(_ c: Conversation, parameters: [UInt8]) -> [UInt8] {
        var raw = RawPacket(
            SCTPPacket(header: CommonHeader(sourcePort: 5000, destinationPort: 7, verificationTag: 0), chunks: []))
        let fixed: [UInt8] = Self.bigEndian(c.tagA) + [0, 1, 0, 0, 0, 10, 0, 10] + Self.bigEndian(c.initialTSNA)
        raw.appendChunk(type: .initiation, value: fixed + parameters)
        raw.fillChecksum()
        return raw.bytes
    }

    /// A Supported Address Types parameter listing IPv4 (length 6), followed by `padding`.
    static func supportedAddressTypes(padding: [UInt8]) -> [UInt8] {
        [0, 12, 0, 6, 0, 5] + padding
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
            UInt8(truncatingIfNeeded: value)]
    }

    /// A common header from A with no chunk after it.
    static func headerOnly(_ c: Conversation) -> [UInt8] {
        var raw = RawPacket(
            SCTPPacket(header: CommonHeader(sourcePort: 5000, destinationPort: 7, verificationTag: c.tagB), chunks: []))
        raw.fillChecksum()
        return raw.bytes
    }
}
