@testable import Targets
import Testing
import Transports
import TransportTestSupport
import VirtualTime

/// The frames exchanged with the C helper: exact bytes (the C side reads these offsets), and
/// replies that never trap whatever they contain.
@Suite struct USRSCTPHelperProtocolTests {
    typealias Command = USRSCTPHelperProtocol.Command
    typealias Reply = USRSCTPHelperProtocol.Reply

    @Test func commandsEncodeToTheDocumentedLayout() {
        let at = VirtualInstant(nanoseconds: 0x0102_0304_0506_0708)
        #expect(Command.initialize(seed: 0xAA, start: at, localPort: 5000, peerPort: 5001).encoded()
            == [0x01, 0, 0, 0, 0, 0, 0, 0, 0xAA, 1, 2, 3, 4, 5, 6, 7, 8, 0x13, 0x88, 0x13, 0x89])
        #expect(Command.deliver(at: at, packet: [9, 9]).encoded() == [0x02, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9])
        #expect(Command.advance(until: at).encoded() == [0x03, 1, 2, 3, 4, 5, 6, 7, 8])
        #expect(Command.quit.encoded() == [0x05])
        let time: [UInt8] = [0x04, 0, 0, 0, 0, 0, 0, 0, 0]
        #expect(Command.action(at: .zero, .listen).encoded() == time + [1])
        #expect(Command.action(at: .zero, .connect).encoded() == time + [2])
        #expect(Command.action(at: .zero, .send(stream: 2, ppid: 0x0A0B_0C0D, payload: [7], unordered: true))
            .encoded() == time + [3, 0, 2, 0x0A, 0x0B, 0x0C, 0x0D, 1, 7])
        #expect(Command.action(at: .zero, .shutdown).encoded() == time + [4])
        #expect(Command.action(at: .zero, .abort(reason: [1, 2])).encoded() == time + [5, 1, 2])
        #expect(Command.action(at: .zero, .close).encoded() == time + [6])
    }

    @Test func socketOptionsEncodeWithZeroForUnchanged() {
        func option(_ value: SocketOption) -> [UInt8] {
            Array(Command.action(at: .zero, .setOption(value)).encoded().dropFirst(10))
        }
        #expect(option(.rtoInfo(initial: 1_000, min: nil, max: 0x0102_0304))
            == [1, 0, 0, 0x03, 0xE8, 0, 0, 0, 0, 1, 2, 3, 4])
        #expect(option(.initMessage(outboundStreams: 5, maxInboundStreams: nil, maxAttempts: 3))
            == [2, 0, 5, 0, 0, 0, 3])
        #expect(option(.cookieLife(milliseconds: 60_000)) == [3, 0, 0, 0xEA, 0x60])
        #expect(option(.maxRetransmissions(10)) == [4, 0, 10])
        #expect(option(.heartbeatInterval(milliseconds: 0)) == [5, 0, 0, 0, 0])
        #expect(option(.delayedAck(milliseconds: 200)) == [6, 0, 0, 0, 200])
        #expect(option(.noDelay(true)) == [7, 1])
    }

    @Test func repliesDecode() throws {
        let time: [UInt8] = [0, 0, 0, 0, 0, 0, 0x03, 0xE8]
        #expect(try Reply.decode([0x81] + time + [1, 2, 3])
            == .packet(time: VirtualInstant(nanoseconds: 1_000), bytes: [1, 2, 3]))
        #expect(try Reply.decode([0x83, 0xFF, 0xFF, 0xFF, 0xFE] + Array("no".utf8))
            == .result(errno: -2, message: "no"))
        let instant = VirtualInstant(nanoseconds: 1_000)
        #expect(try Reply.decode([0x82] + time + [1, 0, 1, 0, 0, 0, 10, 0, 9])
            == .event(time: instant, .associationChange(state: "COMM_UP", outboundStreams: 10, inboundStreams: 9)))
        #expect(try Reply.decode([0x82] + time + [2]) == .event(time: instant, .shutdownReceived))
        #expect(try Reply.decode([0x82] + time + [3, 0, 4, 0, 0, 0, 51, 1, 0x68, 0x69])
            == .event(time: instant, .message(stream: 4, ppid: 51, payload: [0x68, 0x69], unordered: true)))
        #expect(try Reply.decode([0x82] + time + [4, 0, 0, 1, 0]) == .event(time: instant, .sendFailed(errorCode: 256)))
        #expect(try Reply.decode([0x82] + time + [5, 0, 3]) == .event(time: instant, .remoteError(causeCode: 3)))
        #expect(try Reply.decode([0x82] + time + [6, 0, 2, 0, 0, 0, 6])
            == .event(time: instant, .notification("PEER_ADDR_CHANGE")))
    }

    @Test func everyTruncatedReplyIsATypedErrorWithAnOffset() {
        let time: [UInt8] = [0, 0, 0, 0, 0, 0, 0x03, 0xE8]
        let frames: [[UInt8]] = [
            [0x82] + time + [1, 0, 1, 0, 0, 0, 10, 0, 9],
            [0x82] + time + [3, 0, 4, 0, 0, 0, 51, 1],
            [0x82] + time + [6, 0, 2, 0, 0, 0, 6],
            [0x83, 0, 0, 0, 0],
            [0x81] + time,
        ]
        for frame in frames {
            for length in 0..<frame.count {
                #expect(throws: USRSCTPHelperProtocol.DecodingError.self) {
                    _ = try Reply.decode(Array(frame.prefix(length)))
                }
            }
        }
        #expect(throws: USRSCTPHelperProtocol.DecodingError(offset: 0, reason: "unknown reply type 0x7")) {
            _ = try Reply.decode([0x07])
        }
        #expect(throws: USRSCTPHelperProtocol.DecodingError(offset: 9, reason: "unknown event kind 99")) {
            _ = try Reply.decode([0x82] + time + [99])
        }
    }

    @Test func notificationNamesFollowRFC6458() {
        #expect((1...5).map { USRSCTPNotificationNames.associationState(UInt16($0)) }
            == ["COMM_UP", "COMM_LOST", "RESTART", "SHUTDOWN_COMP", "CANT_STR_ASSOC"])
        #expect(USRSCTPNotificationNames.associationState(77) == "STATE_77")
        #expect(USRSCTPNotificationNames.notification(0x0007) == "PARTIAL_DELIVERY_EVENT")
        #expect(USRSCTPNotificationNames.notification(0x0d) == "STREAM_CHANGE_EVENT")
        #expect(USRSCTPNotificationNames.notification(0x99) == "NOTIFICATION_153")
    }
}
