import SCTPWire

/// Runs one packet through the rules of its association, chunk by chunk in wire order, updating
/// the association as the receiver would (a COOKIE ECHO settles tags before the DATA bundled
/// after it is judged).
enum PacketProcessor {
    /// `checksumHeld`: the packet's checksum is one its receiver would reject, but it is judged as
    /// received (`ChecksumOffload.holds`). Returns whether the association is over after it.
    @discardableResult
    static func process(
        _ view: PacketView, sender: Int, _ association: inout AssociationState, configuration: RuleConfiguration,
        checksumHeld: Bool = false, sink: inout FindingSink
    ) -> Bool {
        association.lastPacket = view.number
        if !configuration.observesFromStart, association.packetCount > 0 {
            CaptureLoss.noteSilence(since: association.lastTime, view.time, view.number, &association)
        }
        association.lastTime = view.time
        association.packetCount += 1
        // A packet that left its sender before the packet that closed it arrived is judged against
        // the state the sender was in (offline; `InFlight`).
        var closedAfterSending = false
        if association.sides[sender].state == .closed,
            let then = InFlight.stateWhenSent(association.sides[sender], at: view.time, configuration: configuration)
        {
            association.sides[sender].state = then
            closedAfterSending = true
        }
        var context = PacketContext(
            view: view, associationID: association.id, sender: sender, configuration: configuration)
        VerificationTagRules.judgeSender(context, &association, sink: &sink)
        // The guards below repeat each rule's first test, so that the common packet does not pass
        // the association by value (a copy of it) to a rule that returns at once.
        if view.checksum == .zero, !checksumHeld {
            PacketFormatRules.judgeZeroChecksum(context, association, sink: &sink)
        }
        OutOfTheBlueRules.judgeReply(context, &association, sink: &sink)
        if context.tag == 0 {
            InitiationRules.judgeZeroTagReply(context, association, sink: &sink)
        }
        context.discard = VerificationTagRules.discardReason(context, association)
        let hasWrongChecksum = context.discard == .checksum
        if association.watchesChecksums {
            ChecksumOffload.watch(context, held: checksumHeld, &association, sink: &sink)
        }
        if checksumHeld {
            ChecksumOffload.hold(context, &association)
            context.discard = VerificationTagRules.tagDiscardReason(context, association)
        }
        context.isOutOfTheBlue = OutOfTheBlueRules.isOutOfTheBlue(context, association)
        if context.isOutOfTheBlue {
            OutOfTheBlueRules.noteReceipt(context, &association)
        }
        association.sides[context.receiver].noteInbound(tag: context.tag)
        for chunk in view.chunks {
            // HandshakeRules judges only senders not yet established (the state can change
            // between the chunks of one packet).
            if !association.sides[sender].state.isEstablishedOrShuttingDown, association.origin != .joinedMidway {
                HandshakeRules.judge(chunk.type, context, association, sink: &sink)
                if !configuration.observesFromStart {
                    CaptureLoss.noteTrafficWithoutHandshake(chunk.type, context, &association)
                }
            }
            switch chunk {
            case .data(let data):
                DataRules.onData(data, context, &association, sink: &sink)
            case .sack(let sack):
                Self.onSACK(sack, context, &association, sink: &sink)
            case .other(let typed):
                ObligationRules.discharge(typed, sender: sender, &association)
                Self.dispatch(typed, &context, &association, sink: &sink)
            }
        }
        if view.chunks.count < view.chunkCount {
            Self.noteUndecodedChunk(view, context, &association)
        }
        ObligationRules.countPacket(sender: sender, number: view.number, &association)
        association.sides[sender].packetsSent += 1
        if hasWrongChecksum {
            association.sides[sender].packetsWithWrongChecksum += 1
        }
        if closedAfterSending {
            // The packet that closed it arrives after all.
            association.sides[sender].state = .closed
        }
        if association.isOver {
            AssociationLifecycle.conclude(&association, sink: &sink)
            return true
        }
        return false
    }

    private static func dispatch(
        _ chunk: Chunk, _ context: inout PacketContext, _ association: inout AssociationState,
        sink: inout FindingSink
    ) {
        switch chunk {
        case .initiation(let initiation):
            InFlight.note(ChunkTypeAnswer(asks: true, answers: false), context, &association)
            InitiationRules.onInit(initiation, context, &association, sink: &sink)
            Self.noteWindow(initiation.advertisedReceiverWindow, initiation.parameters, context, &association)
            ListedAddresses.note(initiation.parameters, context, &association)
        case .initiationAck(let acknowledgement):
            InFlight.note(ChunkTypeAnswer(asks: true, answers: true), context, &association)
            InitiationRules.onInitAck(acknowledgement, context, &association, sink: &sink)
            Self.noteWindow(
                acknowledgement.advertisedReceiverWindow, acknowledgement.parameters, context, &association)
            ListedAddresses.note(acknowledgement.parameters, context, &association)
        case .cookieEcho(let echo):
            InFlight.note(ChunkTypeAnswer(asks: true, answers: true), context, &association)
            CookieRules.onCookieEcho(echo, &context, &association, sink: &sink)
        case .cookieAck:
            InFlight.note(ChunkTypeAnswer(asks: false, answers: true), context, &association)
            CookieRules.onCookieAck(context, &association, sink: &sink)
        case .data(let data):
            DataRules.onData(DataChunkSummary(data), context, &association, sink: &sink)
        case .iData(let data):
            DataRules.onData(DataChunkSummary(data), context, &association, sink: &sink)
        case .sack(let sack):
            Self.onSACK(sack, context, &association, sink: &sink)
        case .nrSack(let sack):
            SACKRules.onSACK(
                cumulative: sack.cumulativeTSNAck, gaps: sack.gapBlocks + sack.nrGapBlocks,
                duplicates: sack.duplicateTSNs, context, &association, sink: &sink)
            association.sides[context.sender].advertisedWindow = sack.advertisedReceiverWindow
        case .heartbeat(let heartbeat):
            InFlight.note(ChunkTypeAnswer(asks: true, answers: false), context, &association)
            HeartbeatRules.onHeartbeat(heartbeat, context, &association, sink: &sink)
        case .heartbeatAck(let acknowledgement):
            InFlight.note(ChunkTypeAnswer(asks: false, answers: true), context, &association)
            HeartbeatRules.onHeartbeatAck(acknowledgement, context, association, sink: &sink)
        case .abort:
            ShutdownRules.onAbort(context, &association)
        case .shutdown(let shutdown):
            InFlight.note(ChunkTypeAnswer(asks: true, answers: false), context, &association)
            ShutdownRules.onShutdown(shutdown, context, &association, sink: &sink)
        case .shutdownAck:
            InFlight.note(ChunkTypeAnswer(asks: true, answers: true), context, &association)
            ShutdownRules.onShutdownAck(context, &association, sink: &sink)
        case .shutdownComplete(let complete):
            InFlight.note(ChunkTypeAnswer(asks: false, answers: true), context, &association)
            ShutdownRules.onShutdownComplete(complete, context, &association, sink: &sink)
        case .error(let error):
            CookieRules.onError(error, context, &association, sink: &sink)
        case .forwardTSN(let forward):
            DataRules.onForwardTSN(forward.newCumulativeTSN, context, &association)
        case .iForwardTSN(let forward):
            DataRules.onForwardTSN(forward.newCumulativeTSN, context, &association)
        case .reConfig(let reconfiguration):
            StreamRules.onReConfig(reconfiguration, &association)
        case .unknown(let unknown):
            UnrecognizedRules.onUnknownChunk(unknown, &context, &association)
        case .auth:
            association.mayRequireAuthentication = true
        case .ecne, .cwr, .asconf, .asconfAck, .pad:
            break
        }
    }

    /// The first chunk the codec could not decode (a length that cuts its fixed part short, bytes
    /// where none belong) is still what its receiver may act on as far as it can read it, as usrsctp
    /// does: an INIT's Initiate Tag, which an ABORT answering it carries (RFC 9260 §8.4 rule 3), and a
    /// SHUTDOWN ACK, which a SHUTDOWN COMPLETE with the T bit answers (§8.4 rule 5). Noted, never
    /// judged: the malformed chunk is `packet.*`'s business.
    private static func noteUndecodedChunk(
        _ view: PacketView, _ context: PacketContext, _ association: inout AssociationState
    ) {
        var walk = RawChunkWalk(view.bytes)
        var index = 0
        while let header = walk.next() {
            defer { index += 1 }
            guard index == view.chunks.count else { continue }
            if header.type == .initiation, header.declaredLength >= 8, header.available >= 8 {
                let tag = view.bytes.uncheckedBigEndianUInt32(at: header.offset + 4)
                association.sides[context.sender].undecodedInitiateTags.note(tag)
                // Its sender waits for an answer as after any INIT (§5.1 A), so the exchange is not
                // over before the answer comes.
                if association.sides[context.sender].state == .closed {
                    association.sides[context.sender].state = .cookieWait
                }
            } else if header.type == .shutdownAck, association.sides[context.receiver].shutdownAckSeenAt == nil {
                association.sides[context.receiver].shutdownAckSeenAt = context.number
            }
            return
        }
    }

    private static func onSACK(
        _ sack: SACKChunk, _ context: PacketContext, _ association: inout AssociationState, sink: inout FindingSink
    ) {
        SACKRules.onSACK(
            cumulative: sack.cumulativeTSNAck, gaps: sack.gapBlocks, duplicates: sack.duplicateTSNs, context,
            &association, sink: &sink)
        association.sides[context.sender].advertisedWindow = sack.advertisedReceiverWindow
    }

    /// The window an INIT or INIT ACK announces, and whether it asks for chunks to be authenticated.
    private static func noteWindow(
        _ window: UInt32, _ parameters: [Parameter], _ context: PacketContext, _ association: inout AssociationState
    ) {
        association.sides[context.sender].advertisedWindow = window
        if parameters.contains(where: { $0.parameterType == .chunkList }) {
            association.mayRequireAuthentication = true
        }
    }
}
