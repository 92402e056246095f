import Targets
import Testing

/// The protocol's lines, both ways (docs/agent-protocol.md).
@Suite struct AgentProtocolTests {
    @Test func actionsAndOptionsBecomeTheirCommands() {
        #expect(AgentProtocol.command(for: .listen) == "listen")
        #expect(AgentProtocol.command(for: .send(stream: 2, ppid: 18, payload: [0xde, 0xad], unordered: true))
            == "send 2 18 1 dead")
        #expect(AgentProtocol.command(for: .abort(reason: [])) == "abort -")
        #expect(AgentProtocol.command(for: .setOption(.rtoInfo(initial: 1000, min: nil, max: 60000)))
            == "option rto 1000 - 60000")
        #expect(AgentProtocol.command(for: .setOption(.initMessage(outboundStreams: 10, maxInboundStreams: nil,
                                                                   maxAttempts: 3))) == "option initmsg 10 - 3")
        #expect(AgentProtocol.command(for: .setOption(.delayedAck(milliseconds: 0))) == "option delayed-ack 0")
        #expect(AgentProtocol.command(for: .setOption(.noDelay(true))) == "option nodelay 1")
        #expect(AgentProtocol.configure(localPort: 5001, peerPort: 5000, localAddresses: ["198.18.0.2"],
                                        peerAddress: "198.18.0.1", udpPort: 9899, peerUDPPort: 9899)
            == "configure local-port=5001 peer-port=5000 local-address=198.18.0.2 peer-address=198.18.0.1 "
            + "udp-port=9899 peer-udp-port=9899")
    }

    @Test func eventLinesBecomeApplicationEvents() {
        #expect(AgentProtocol.event("event message 3 51 0 68656c6c6f")
            == .message(stream: 3, ppid: 51, payload: Array("hello".utf8), unordered: false))
        #expect(
            AgentProtocol.event("event message 0 0 1 -") == .message(stream: 0, ppid: 0, payload: [], unordered: true))
        #expect(AgentProtocol.event("event shutdown-received") == .shutdownReceived)
        #expect(AgentProtocol.event("event remote-error 1") == .remoteError(causeCode: 1))
        #expect(AgentProtocol.event("event send-failed 7") == .sendFailed(errorCode: 7))
        #expect(AgentProtocol.event("event notification SENDER_DRY_EVENT") == .notification("SENDER_DRY_EVENT"))
        #expect(AgentProtocol.event("event message 3 51 0 6g") == nil)
        #expect(AgentProtocol.event("event assoc-change COMM_UP ten 5") == nil)
        #expect(AgentProtocol.event("event teleport") == nil)
    }

    @Test func repliesParse() {
        #expect(AgentReply(line: "ok a b") == .ok(["a", "b"]))
        #expect(AgentReply(line: "error 16 busy") == .error(errno: 16, message: "busy"))
        #expect(AgentReply(line: "error x") == nil)
        #expect(AgentReply(line: "maybe") == nil)
    }
}
