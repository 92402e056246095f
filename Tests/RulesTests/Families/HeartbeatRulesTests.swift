import Rules
import SCTPWire
import Testing

@Suite struct HeartbeatRulesTests {
    @Test func heartbeatAckEchoingTheInfoIsFine() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.b, conversation.heartbeat([1, 2, 3, 4, 5]))
        expectClean(conversation.send(.a, conversation.heartbeatAck([1, 2, 3, 4, 5])))
    }

    @Test func heartbeatAckWithAlteredInfoIsFlagged() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.b, conversation.heartbeat([1, 2, 3, 4, 5]))
        let found = conversation.send(.a, conversation.heartbeatAck([1, 2, 3, 4, 6]))
        expectSingle(found, "heartbeat.ack-echoes-info", by: Conversation.endpointA)
        #expect(found.first?.relatedPackets == [5])
    }

    @Test func heartbeatAckWithoutHeartbeatIsFlagged() {
        var conversation = Conversation()
        conversation.handshake()
        expectSingle(conversation.send(.a, conversation.heartbeatAck([1])), "heartbeat.ack-echoes-info")
    }

    @Test func heartbeatAckMustCopyEveryParameter() {
        var conversation = Conversation()
        conversation.handshake()
        let extra = Parameter.unknown(UnknownParameter(type: 0xbeef, value: [7]))
        let info = Parameter.heartbeatInfo(HeartbeatInfoParameter(info: [1]))
        conversation.send(.b, .heartbeat(HeartbeatChunk(parameters: [info, extra])))
        expectSingle(conversation.send(.a, conversation.heartbeatAck([1])), "heartbeat.ack-echoes-info")
        expectClean(conversation.send(.a, .heartbeatAck(HeartbeatAckChunk(parameters: [info, extra]))))
    }

    @Test func heartbeatNeedsHeartbeatInfo() {
        var conversation = Conversation()
        conversation.handshake()
        let found = conversation.send(.b, .heartbeat(HeartbeatChunk(parameters: [])))
        expectSingle(found, "heartbeat.info-present", by: Conversation.endpointB)
    }
}
