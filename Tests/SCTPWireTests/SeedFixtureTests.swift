import SCTPWire
import Testing

/// The captures in `shared/seeds`, rebuilt as bytes under `Fixtures/`, decode to exactly the field
/// values the capture tools printed, re-encode byte for byte, and (where every byte is known) carry
/// the checksum the capture shows.
@Suite struct SeedFixtureTests {
    static let linux = "000_linux_exchange.hex"

    func packet(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> SCTPPacket {
        let fixture = try HexFixtures.packet(name, in: Self.linux)
        return try #require(CodecVerifier<SCTPPacket>.verifyPacket(fixture.bytes, sourceLocation: sourceLocation))
    }

    func only(_ packet: SCTPPacket, sourceLocation: SourceLocation = #_sourceLocation) throws -> Chunk {
        #expect(packet.chunks.count == 1, sourceLocation: sourceLocation)
        return try #require(packet.chunks.first, sourceLocation: sourceLocation)
    }

    @Test func linuxInit() throws {
        let packet = try self.packet("init")
        #expect(
            packet.header
                == CommonHeader(
                    sourcePort: 57630, destinationPort: 30102, verificationTag: 0,
                    checksum: 0x8703_4a86))
        guard case .initiation(let chunk) = try self.only(packet) else { Issue.record("not an INIT"); return }
        #expect(chunk.initiateTag == 0xf3dc_3087)
        #expect(chunk.advertisedReceiverWindow == 106_496)
        #expect(chunk.outboundStreams == 10)
        #expect(chunk.inboundStreams == 65535)
        #expect(chunk.initialTSN == 3_207_583_439)
        #expect(
            chunk.parameters == [
                .supportedAddressTypes(SupportedAddressTypesParameter(addressTypes: [5])),
                .ecnCapable(ECNCapableParameter()),
                .forwardTSNSupported(ForwardTSNSupportedParameter()),
            ])
        #expect(RawPacket(try HexFixtures.packet("init", in: Self.linux).bytes).chunks.map(\.declaredLength) == [36])
    }

    @Test func linuxInitAck() throws {
        let packet = try self.packet("init-ack")
        #expect(packet.header.verificationTag == 0xf3dc_3087)
        guard case .initiationAck(let chunk) = try self.only(packet) else { Issue.record("not an INIT ACK"); return }
        #expect(chunk.initiateTag == 0xaeac_d509)
        #expect(chunk.advertisedReceiverWindow == 106_496)
        #expect(chunk.outboundStreams == 10)
        #expect(chunk.inboundStreams == 10)
        #expect(chunk.initialTSN == 2_976_219_343)
        #expect(chunk.parameters.count == 3)
        guard case .stateCookie(let cookie) = chunk.parameters.first else { Issue.record("no cookie"); return }
        #expect(cookie.cookie.count == 228)
        #expect(Array(cookie.cookie.prefix(4)) == [0x77, 0x54, 0x95, 0x8a])
        #expect(chunk.encoded.count == 260)
    }

    @Test func linuxCookieEchoAndAck() throws {
        let echo = try self.packet("cookie-echo")
        #expect(echo.header.verificationTag == 0xaeac_d509)
        #expect(echo.header.checksum == 0xfd98_e801)
        guard case .cookieEcho(let chunk) = try self.only(echo) else { Issue.record("not a COOKIE ECHO"); return }
        #expect(chunk.cookie.count == 228)
        #expect(try self.only(try self.packet("cookie-ack")) == .cookieAck(CookieAckChunk()))
    }

    @Test func linuxData() throws {
        let packet = try self.packet("data")
        #expect(packet.header.checksum == 0x47de_77f1)
        let expected = DataChunk(
            flags: [.beginning, .ending], tsn: 3_207_583_439, streamID: 0, streamSequence: 0,
            ppid: 0, userData: Array("hello world!\n".utf8))
        #expect(try self.only(packet) == .data(expected))
        let raw = RawPacket(packet.encodedKeepingChecksum)
        let chunk = try #require(raw.chunks.first { _ in true })
        #expect(chunk.declaredLength == 29)
        #expect(Array(chunk.padding) == [0, 0, 0])
    }

    @Test func linuxSackHeartbeatShutdown() throws {
        #expect(
            try self.only(try self.packet("sack"))
                == .sack(SACKChunk(cumulativeTSNAck: 3_207_583_439, advertisedReceiverWindow: 106_483)))
        for name in ["heartbeat", "heartbeat-ack"] {
            let chunk = try self.only(try self.packet(name))
            let parameters: [Parameter]
            switch chunk {
            case .heartbeat(let heartbeat): parameters = heartbeat.parameters
            case .heartbeatAck(let ack): parameters = ack.parameters
            default: Issue.record("\(name) decoded as \(chunk.type)"); continue
            }
            guard case .heartbeatInfo(let info) = parameters.first else { Issue.record("no heartbeat info"); continue }
            #expect(info.info.count == 44)
            #expect(Array(info.info.prefix(8)) == [0x02, 0x00, 0xe1, 0x1e, 0xac, 0x18, 0x02, 0x05])
        }
        #expect(try self.only(try self.packet("shutdown")) == .shutdown(ShutdownChunk(cumulativeTSNAck: 3_207_583_439)))
        #expect(try self.only(try self.packet("shutdown-ack")) == .shutdownAck(ShutdownAckChunk()))
        #expect(try self.only(try self.packet("shutdown-complete")) == .shutdownComplete(ShutdownCompleteChunk()))
    }

    /// Where every byte of the capture is known, the checksum field as captured is the CRC32c of our
    /// rebuilt bytes: an independent check of both the fixture and the checksum code.
    @Test(arguments: ["init", "data", "shutdown-ack"])
    func capturedChecksumsMatch(name: String) throws {
        let fixture = try HexFixtures.packet(name, in: Self.linux)
        #expect(SCTPChecksum.verify(fixture.bytes) == .correct)
        let packet = try SCTPPacket(decoding: fixture.bytes)
        #expect(packet.encoded(checksum: .crc32c) == fixture.bytes)
    }

    @Test func wiresharkSackHexDump() throws {
        let fixture = try HexFixtures.packet("sack", in: "002_sack_hexdump.hex")
        let packet = try #require(CodecVerifier<SCTPPacket>.verifyPacket(fixture.bytes))
        #expect(
            packet.header
                == CommonHeader(
                    sourcePort: 4444, destinationPort: 50792, verificationTag: 0x88e5_e376,
                    checksum: 0x8834_32df))
        #expect(packet.chunks == [.sack(SACKChunk(cumulativeTSNAck: 2_322_614_346, advertisedReceiverWindow: 106_490))])
        #expect(SCTPChecksum.verify(fixture.bytes) == .correct)
    }

    @Test func tcpdumpExchangeDecodesAndPrintsAsTcpdumpDid() throws {
        let fixtures = try HexFixtures.load("001_tcpdump_exchange.hex")
        #expect(fixtures.count == 11)
        for fixture in fixtures {
            let packet = try #require(CodecVerifier<SCTPPacket>.verifyPacket(fixture.bytes))
            #expect(packet.chunks.first?.type.kind == fixture.name)
            #expect(fixture.expectations.count == 1)
            for line in fixture.expectations {
                #expect(TcpdumpSummary.line(for: fixture.bytes) == line)
                #expect(TcpdumpSummary.line(for: packet) == line)
            }
        }
    }

    @Test func tcpdumpExchangeFieldValues() throws {
        let file = "001_tcpdump_exchange.hex"
        let initPacket = try SCTPPacket(decoding: try HexFixtures.packet("init", in: file).bytes)
        #expect(initPacket.header.sourcePort == 60002)
        #expect(initPacket.header.destinationPort == 30102)
        guard case .initiation(let initChunk) = initPacket.chunks.first else { Issue.record("no INIT"); return }
        #expect(initChunk.initiateTag == 1_008_070_933)
        #expect(initChunk.advertisedReceiverWindow == 106_496)
        #expect(initChunk.outboundStreams == 10)
        #expect(initChunk.inboundStreams == 65535)
        #expect(initChunk.initialTSN == 2_431_437_204)
        let ack = try SCTPPacket(decoding: try HexFixtures.packet("init-ack", in: file).bytes)
        guard case .initiationAck(let ackChunk) = ack.chunks.first else { Issue.record("no INIT ACK"); return }
        #expect(ackChunk.initiateTag == 1_296_372_942)
        #expect(ackChunk.inboundStreams == 10)
        #expect(ackChunk.initialTSN == 2_317_599_708)
        let data = try SCTPPacket(decoding: try HexFixtures.packet("data", in: file).bytes)
        guard case .data(let dataChunk) = data.chunks.first else { Issue.record("no DATA"); return }
        #expect(dataChunk.tsn == 2_431_437_204)
        #expect(dataChunk.streamID == 0)
        #expect(dataChunk.flags == [.beginning, .ending])
        let sack = try SCTPPacket(decoding: try HexFixtures.packet("sack", in: file).bytes)
        #expect(sack.chunks == [.sack(SACKChunk(cumulativeTSNAck: 2_431_437_204, advertisedReceiverWindow: 106_491))])
    }
}
