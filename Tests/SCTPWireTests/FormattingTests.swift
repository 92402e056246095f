import Foundation
import SCTPWire
import Testing

@Suite struct TcpdumpSummaryTests {
    static let header = CommonHeader(sourcePort: 60002, destinationPort: 30102, verificationTag: 1)

    func line(_ chunks: [Chunk]) -> String {
        TcpdumpSummary.line(for: SCTPPacket(header: Self.header, chunks: chunks))
    }

    @Test func bundledChunksAreNumberedAsTcpdumpDoes() {
        let text = self.line([
            .cookieEcho(CookieEchoChunk(cookie: [1, 2, 3, 4])),
            .data(
                DataChunk(
                    flags: [.unordered, .beginning, .ending], tsn: 5, streamID: 1, streamSequence: 2,
                    ppid: 3, userData: [0x41])),
        ])
        #expect(text == "sctp (1) [COOKIE ECHO] , (2) [DATA] (U)(B)(E) [TSN: 5] [SID: 1] [SSEQ 2] [PPID M3UA]")
    }

    @Test func dataWithoutFlagsAndUnnamedPPID() {
        #expect(
            self.line([.data(DataChunk(flags: [], tsn: 1, ppid: 0x1234, userData: [1]))])
                == "sctp (1) [DATA] [TSN: 1] [SID: 0] [SSEQ 0] [PPID 0x1234]")
    }

    @Test func sackPrintsGapBlocksAndDuplicatesOnTheirOwnLines() {
        let text = self.line([
            .sack(
                SACKChunk(
                    cumulativeTSNAck: 100, advertisedReceiverWindow: 5,
                    gapBlocks: [GapAckBlock(start: 2, end: 3)], duplicateTSNs: [99]))
        ])
        #expect(
            text == "sctp (1) [SACK] [cum ack 100] [a_rwnd 5] [#gap acks 1] [#dup tsns 1] "
                + "\n\t\t[gap ack block #1: start = 102, end = 103] \n\t\t[dup TSN #1: 99]")
    }

    @Test func labelsForEveryType() {
        let labels: [(Chunk, String)] = [
            (.abort(AbortChunk(flags: .tBit)), "sctp (1) [ABORT]"),
            (.error(ErrorChunk()), "sctp (1) [OP ERR]"),
            (.ecne(ECNEChunk(lowestTSN: 1)), "sctp (1) [ECN ECHO]"),
            (.cwr(CWRChunk(lowestTSN: 1)), "sctp (1) [ECN CWR]"),
            (.forwardTSN(ForwardTSNChunk(newCumulativeTSN: 1)), "sctp (1) [FOR CUM TSN]"),
            (.iForwardTSN(IForwardTSNChunk(newCumulativeTSN: 9)), "sctp (1) [I-FORWARD-FSN] [TSN: 9]"),
            (.auth(AuthChunk(sharedKeyID: 0, hmacID: 1, hmac: [])), "sctp (1) [AUTH]"),
            (.pad(PadChunk(padding: [])), "sctp (1) [PAD]"),
            (.nrSack(NRSACKChunk(cumulativeTSNAck: 1, advertisedReceiverWindow: 1)), "sctp (1) [NR-SACK]"),
            (
                .asconfAck(
                    ASCONFAckChunk(
                        serialNumber: 4,
                        parameters: [
                            .successIndication(SuccessIndicationParameter(correlationID: 1))
                        ])),
                "sctp (1) [ASCONF-ACK] [SEQ: 4] [SUCCESS]"
            ),
            (
                .asconf(
                    ASCONFChunk(
                        serialNumber: 3,
                        address: .ipv4Address(
                            IPv4AddressParameter(
                                address: IPv4AddressValue(10, 0, 0, 1))))), "sctp (1) [ASCONF] [SEQ: 3, ADDR: 10.0.0.1]"
            ),
            (
                .reConfig(
                    ReConfigChunk(parameters: [
                        .ssnTSNResetRequest(SSNTSNResetRequestParameter(requestSequenceNumber: 1))
                    ])),
                "sctp (1) [RE-CONFIG] [SSN/TSN Reset]"
            ),
            (
                .iData(
                    IDataChunk(
                        flags: [.immediate, .beginning], tsn: 1, streamID: 2, messageID: 3, ppidOrFSN: 18,
                        userData: [1])),
                "sctp (1) [I-DATA] (I)(B) [TSN: 1] [SID: 2] [MID: 3] [PPID S1AP]"
            ),
            (
                .iData(IDataChunk(flags: [], tsn: 1, streamID: 2, messageID: 3, ppidOrFSN: 4, userData: [1])),
                "sctp (1) [I-DATA] [TSN: 1] [SID: 2] [MID: 3] [FSN: 4]"
            ),
            (.unknown(UnknownChunk(type: 0xBF)), "sctp (1) [Unknown chunk type: 0xbf]"),
        ]
        for (chunk, expected) in labels {
            #expect(self.line([chunk]) == expected)
        }
    }

    @Test func malformedPacketsPrintAsTcpdumpDoes() {
        let header: [UInt8] = [0xEA, 0x62, 0x75, 0x96, 0, 0, 0, 1, 0, 0, 0, 0]
        #expect(TcpdumpSummary.line(for: [1, 2, 3]) == "sctp (length 3 < 12) (invalid)")
        #expect(TcpdumpSummary.line(for: header) == "sctp")
        #expect(
            TcpdumpSummary.line(for: header + [0x0B, 0x00]) == "sctp (1) [chunk descriptor cut off at end of packet]")
        #expect(
            TcpdumpSummary.line(for: header + [0x0B, 0x00, 0x00, 0x02])
                == "sctp (1) [Bad chunk length 2, < size of chunk descriptor]")
        #expect(TcpdumpSummary.line(for: header + [0x0B, 0x00, 0x00, 0x08]) == "sctp [|sctp]")
        #expect(
            TcpdumpSummary.line(for: header + [0x00, 0x03, 0x00, 0x0C, 0, 0, 0, 1, 0, 0, 0, 0])
                == "sctp (1) [DATA] (B)(E)  (chunk length 8 < 12) (invalid)")
        #expect(
            TcpdumpSummary.line(for: header + [0x0A, 0x00, 0x00, 0x05, 0x01])
                == "sctp (1) [COOKIE ECHO]  [|sctp]")
    }

    @Test func tcpdumpNames() {
        #expect(ChunkType.heartbeat.tcpdumpName == "HB REQ")
        #expect(ChunkType.initiationAck.tcpdumpName == "INIT ACK")
        #expect(ChunkType(0x55).tcpdumpName == "Unknown chunk type: 0x55")
    }

    @Test func addressPrefix() {
        let bytes = SCTPPacket(header: Self.header, chunks: [.cookieAck(CookieAckChunk())]).encoded()
        #expect(
            TcpdumpSummary.line(for: bytes, sourceAddress: "10.128.0.81", destinationAddress: "10.128.0.79")
                == "10.128.0.81.60002 > 10.128.0.79.30102: sctp (1) [COOKIE ACK]")
    }
}

@Suite struct FieldRecordTextTests {
    @Test func verbosePacket() {
        let packet = SCTPPacket(
            header: CommonHeader(sourcePort: 1, destinationPort: 2, verificationTag: 3, checksum: 4),
            chunks: [
                .initiation(
                    InitChunk(
                        initiateTag: 9, advertisedReceiverWindow: 10, outboundStreams: 1,
                        inboundStreams: 2, initialTSN: 3, parameters: ChunkSamples.parametersOfInit)),
                .data(DataChunk(tsn: 1, userData: [0x68, 0x69])),
            ])
        let text = FieldRecordText.verbose(packet)
        let expected = """
            common-header: {source_port: 1, destination_port: 2, verification_tag: 3, checksum: 4}
            chunks:
              # 1) INIT (1)
              - init:
                  flags: 0
                  initiate_tag: 9
                  a_rwnd: 10
                  outbound_streams: 1
                  inbound_streams: 2
                  initial_tsn: 3
                  parameters:
                    - supported-address-types: {types: [5]}
                    - ecn-capable: {}
                    - forward-tsn-supported: {}
              # 2) DATA (0)
              - data:
                  flags: 3
                  unordered: false
                  beginning: true
                  ending: true
                  immediate: false
                  tsn: 1
                  stream_id: 0
                  stream_seq: 0
                  ppid: 0
                  user_data: "6869"
            """
        #expect(text == expected)
    }

    @Test func verboseRecordInlineWhenShort() {
        #expect(FieldRecordText.verbose(Chunk.cookieAck(CookieAckChunk()).fieldRecord) == "cookie-ack: {flags: 0}")
        #expect(
            FieldRecordText.verbose(FieldRecord(kind: "x", fields: [.init("t", .text("a\"b"))])) == "x: {t: \"a\\\"b\"}"
        )
    }

    @Test func json() {
        let record = Chunk.sack(
            SACKChunk(
                cumulativeTSNAck: 1, advertisedReceiverWindow: 2,
                gapBlocks: [GapAckBlock(start: 3, end: 4)], duplicateTSNs: [5])
        ).fieldRecord
        #expect(
            FieldRecordText.json(record) == """
                {"kind":"sack","flags":0,"cumulative_tsn_ack":1,"a_rwnd":2,\
                "gap_blocks":[{"kind":"gap-block","start":3,"end":4}],"duplicate_tsns":[5]}
                """)
        let pretty = FieldRecordText.json(
            Chunk.cookieEcho(CookieEchoChunk(cookie: [0xAB, 0x01])).fieldRecord, pretty: true)
        #expect(
            pretty == """
                {
                  "kind": "cookie-echo",
                  "flags": 0,
                  "cookie": "ab01"
                }
                """)
        #expect(FieldRecordText.json(.list([])) == "[]")
        #expect(FieldRecordText.json(.text("\u{1}\n")) == "\"\\u0001\\n\"")
        #expect(FieldRecordText.json(.flag(true)) == "true")
    }

    @Test func jsonOfEverySampleIsStable() {
        for (_, chunk) in ChunkSamples.all {
            let first = FieldRecordText.json(chunk.fieldRecord)
            #expect(first == FieldRecordText.json(chunk.fieldRecord))
            #expect(first.hasPrefix("{\"kind\":\"\(chunk.type.kind)\""))
        }
    }
}

@Suite struct JSONStringLiteralTests {
    @Test func escapesWhatRFC8259Requires() throws {
        let text = "a\"b\\c\nd\re\tf\u{01}g\u{1F}h é 😀"
        let literal = JSONStringLiteral.quoted(text)
        #expect(literal == "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001fh é 😀\"")
        // What a JSON parser reads back is the original text.
        let parsed = try JSONSerialization.jsonObject(with: Data(("[" + literal + "]").utf8), options: [])
        #expect((parsed as? [String])?.first == text)
    }

    @Test func appendsToWhatIsThere() {
        var output = "{\"k\":"
        JSONStringLiteral.write("v", into: &output)
        #expect(output == "{\"k\":\"v\"")
    }
}
