import PropertyBased
import SCTPWire
import Testing

/// The raw chunk views (`DataChunkView`, `IDataChunkView`, `SACKChunkView`, `NRSACKChunkView`,
/// `InitiationChunkView`, `TLVListView`): they agree with the typed decoder, setters then getters
/// give back what was set, and no input traps.
@Suite struct RawChunkViewPropertyTests {
    /// The chunk's bytes behind `prefix` bytes of something else, so that offsets are exercised.
    static func placed(_ chunk: Chunk, after prefix: Int) -> [UInt8] {
        [UInt8](repeating: 0xEE, count: prefix) + chunk.encoded
    }

    @Test func dataViewAgreesWithTheDecoder() async {
        await propertyCheck(
            count: 300, input: Gen.uint32(), Gen.uint16(), Gen.uint32(), Gen.uint8(), Gen.uint8().array(of: 0...9),
            Gen.int(in: 0...7)
        ) { tsn, stream, ppid, flags, userData, prefix in
            let chunk = DataChunk(
                flags: DataChunkFlags(rawValue: flags), tsn: tsn, streamID: stream, streamSequence: UInt16(prefix),
                ppid: ppid, userData: userData)
            let bytes = Self.placed(.data(chunk), after: prefix)
            let view = DataChunkView(bytes, at: prefix)
            #expect(view.type == .data)
            #expect(view.flags == chunk.flags)
            #expect(view.tsn == tsn && view.streamID == stream && view.ppid == ppid)
            #expect(view.streamSequence == UInt16(prefix))
            #expect(view.declaredLength == UInt16(16 + userData.count))
            #expect(view.userDataRange.map { Array(bytes[$0]) } == userData)
            let fixed = view.fixedFields
            #expect(fixed?.tsn == tsn && fixed?.streamID == stream && fixed?.ppid == ppid)
            #expect(fixed?.streamSequence == UInt16(prefix) && fixed?.flags == chunk.flags)
            bytes.withUnsafeBytes { raw in
                let unsafe = DataChunkView(raw, at: prefix)
                #expect(unsafe.tsn == tsn && unsafe.streamID == stream && unsafe.ppid == ppid)
                #expect(unsafe.userDataRange == view.userDataRange)
                #expect(unsafe.fixedFields?.tsn == tsn && unsafe.fixedFields?.streamSequence == UInt16(prefix))
            }
        }
    }

    @Test func iDataViewAgreesWithTheDecoder() async {
        await propertyCheck(
            count: 200, input: Gen.uint32(), Gen.uint16(), Gen.uint32(), Gen.uint32(), Gen.uint8().array(of: 0...9)
        ) { tsn, stream, messageID, ppid, userData in
            let chunk = IDataChunk(
                flags: [.beginning], tsn: tsn, streamID: stream, messageID: messageID, ppidOrFSN: ppid,
                userData: userData)
            let bytes = Chunk.iData(chunk).encoded
            let view = IDataChunkView(bytes, at: 0)
            #expect(view.tsn == tsn && view.streamID == stream && view.messageID == messageID)
            #expect(view.ppidOrFSN == ppid && view.reserved == 0 && view.flags == [.beginning])
            #expect(view.userDataRange.map { Array(bytes[$0]) } == userData)
        }
    }

    @Test func sackViewsAgreeWithTheDecoder() async {
        let block = zip(Gen.uint16(), Gen.uint16()).map { GapAckBlock(start: $0, end: $1) }
        await propertyCheck(
            count: 300, input: Gen.uint32(), Gen.uint32(), block.array(of: 0...5), Gen.uint32().array(of: 0...5),
            block.array(of: 0...3)
        ) { cumulative, window, gaps, duplicates, nrGaps in
            let sack = SACKChunk(
                cumulativeTSNAck: cumulative, advertisedReceiverWindow: window, gapBlocks: gaps,
                duplicateTSNs: duplicates)
            let view = SACKChunkView(Chunk.sack(sack).encoded, at: 0)
            #expect(view.cumulativeTSNAck == cumulative && view.advertisedReceiverWindow == window)
            #expect(view.gapBlockCount == UInt16(gaps.count) && view.duplicateCount == UInt16(duplicates.count))
            #expect(view.gapBlocks == gaps)
            #expect(view.duplicateTSNs == duplicates)

            let nrSack = NRSACKChunk(
                cumulativeTSNAck: cumulative, advertisedReceiverWindow: window, gapBlocks: gaps, nrGapBlocks: nrGaps,
                duplicateTSNs: duplicates)
            let nrView = NRSACKChunkView(Chunk.nrSack(nrSack).encoded, at: 0)
            #expect(nrView.cumulativeTSNAck == cumulative && nrView.advertisedReceiverWindow == window)
            #expect(nrView.gapBlocks == gaps && nrView.nrGapBlocks == nrGaps && nrView.duplicateTSNs == duplicates)
        }
    }

    @Test func initiationViewAgreesWithTheDecoder() async {
        await propertyCheck(
            count: 200, input: Gen.uint32(), Gen.uint32(), Gen.uint16(), Gen.uint16(), Gen.uint32(), Gen.int(in: 0...3)
        ) { tag, window, outbound, inbound, tsn, parameterCount in
            let parameters = Array(ChunkSamples.parametersOfInit.prefix(parameterCount))
            let typed = InitChunk(
                initiateTag: tag, advertisedReceiverWindow: window, outboundStreams: outbound, inboundStreams: inbound,
                initialTSN: tsn, parameters: parameters)
            let bytes = Chunk.initiation(typed).encoded
            let view = InitiationChunkView(bytes, at: 0)
            #expect(view.initiateTag == tag && view.advertisedReceiverWindow == window)
            #expect(view.outboundStreams == outbound && view.inboundStreams == inbound && view.initialTSN == tsn)
            #expect(view.parameters.map(\.type) == parameters.map { $0.parameterType.rawValue })
            let sane = view.parameters.filter { $0.isLengthSane }.count
            #expect(sane == parameters.count)
            let walked: [TLVListView<[UInt8]>.Element]? = TLVListView(chunkIn: bytes, at: 0).map { Array($0) }
            let listed: [TLVListView<[UInt8]>.Element] = Array(view.parameters)
            #expect(walked == listed)
        }
    }

    /// Every sample chunk with a TLV list: the registry's list offset walks to exactly the typed
    /// parameters or error causes (ASCONF's address parameter first).
    @Test func tlvListsAgreeWithTheTypedValues() throws {
        for (name, chunk) in ChunkSamples.all {
            let bytes = chunk.encoded
            let expected: [UInt16]
            switch chunk {
            case .initiation(let value): expected = value.parameters.map(\.parameterType.rawValue)
            case .initiationAck(let value): expected = value.parameters.map(\.parameterType.rawValue)
            case .heartbeat(let value): expected = value.parameters.map(\.parameterType.rawValue)
            case .heartbeatAck(let value): expected = value.parameters.map(\.parameterType.rawValue)
            case .abort(let value): expected = value.causes.map(\.code)
            case .error(let value): expected = value.causes.map(\.code)
            case .asconf(let value): expected = ([value.address] + value.parameters).map(\.parameterType.rawValue)
            case .asconfAck(let value): expected = value.parameters.map(\.parameterType.rawValue)
            case .reConfig(let value): expected = value.parameters.map(\.parameterType.rawValue)
            default:
                #expect(TLVListView(chunkIn: bytes, at: 0) == nil, "\(name)")
                continue
            }
            let list = try #require(TLVListView(chunkIn: bytes, at: 0), "\(name)")
            #expect(list.map(\.type) == expected, "\(name)")
            #expect(list.firstNonZeroPadding() == nil, "\(name)")
        }
    }

    @Test func settersThenGettersRoundTrip() async {
        await propertyCheck(
            count: 400, input: Gen.uint8().array(of: 0...40), Gen.int(in: -2...24), Gen.uint32(), Gen.uint16()
        ) { original, offset, word, half in
            // A negative offset is taken as 0, as `RawChunk` does.
            let fits = { (end: Int) in max(0, offset) + end <= original.count }
            var data = DataChunkView(original, at: offset)
            data.setTSN(word)
            data.setStreamID(half)
            data.setPPID(~word)
            data.setStreamSequence(~half)
            #expect(data.tsn == (fits(8) ? word : nil))
            #expect(data.streamID == (fits(10) ? half : nil))
            #expect(data.streamSequence == (fits(12) ? ~half : nil))
            #expect(data.ppid == (fits(16) ? ~word : nil))
            #expect(data.bytes.count == original.count)

            var sack = SACKChunkView(original, at: offset)
            sack.setCumulativeTSNAck(word)
            sack.setGapBlockCount(1)
            sack.setDuplicateCount(half)
            sack.setGapBlock(GapAckBlock(start: half, end: ~half), at: 0)
            sack.setDuplicateTSN(word, at: 0)
            #expect(sack.cumulativeTSNAck == (fits(8) ? word : nil))
            #expect(sack.duplicateCount == (fits(16) ? half : nil))
            #expect(sack.gapBlock(0) == (fits(20) ? GapAckBlock(start: half, end: ~half) : nil))
            #expect(sack.duplicateTSN(0) == (fits(24) ? word : nil))

            var initiation = InitiationChunkView(original, at: offset)
            initiation.setInitiateTag(0)  // a lie the fuzzer needs
            initiation.setOutboundStreams(half)
            initiation.setInitialTSN(word)
            #expect(initiation.initiateTag == (fits(8) ? 0 : nil))
            #expect(initiation.outboundStreams == (fits(14) ? half : nil))
            #expect(initiation.initialTSN == (fits(20) ? word : nil))

            var lying = DataChunkView(original, at: offset)
            lying.setDeclaredLength(half)
            #expect(lying.declaredLength == (fits(4) ? half : nil))
            if let range = lying.userDataRange {
                #expect(range.lowerBound >= 0 && range.upperBound <= original.count)
            }
        }
    }

    /// Any bytes, any offset, every view and every getter: nothing traps, ranges stay in the bytes.
    @Test func noInputTraps() async {
        await propertyCheck(count: 600, input: Gen.uint8().array(of: 0...64), Gen.int(in: -8...72)) { bytes, offset in
            let data = DataChunkView(bytes, at: offset)
            _ = (data.type, data.flags, data.tsn, data.streamID, data.streamSequence, data.ppid, data.declaredEnd)
            #expect((data.fixedFields != nil) == (max(0, offset) + 16 <= bytes.count))
            bytes.withUnsafeBytes { raw in
                #expect(DataChunkView(raw, at: offset).fixedFields?.ppid == data.fixedFields?.ppid)
            }
            if let range = data.userDataRange { _ = bytes[range] }
            let iData = IDataChunkView(bytes, at: offset)
            _ = (iData.tsn, iData.messageID, iData.ppidOrFSN, iData.reserved)
            if let range = iData.userDataRange { _ = bytes[range] }
            let sack = SACKChunkView(bytes, at: offset)
            _ = (sack.gapBlocks, sack.duplicateTSNs, sack.gapBlock(-1), sack.duplicateTSN(1000))
            let nrSack = NRSACKChunkView(bytes, at: offset)
            _ = (nrSack.gapBlocks, nrSack.nrGapBlocks, nrSack.duplicateTSNs, nrSack.reserved)
            let initiation = InitiationChunkView(bytes, at: offset)
            _ = (initiation.initiateTag, initiation.inboundStreams)
            for list in [initiation.parameters, TLVListView(bytes, from: offset, to: offset + 30)] {
                for element in list {
                    _ = (bytes[element.valueRange], bytes[element.paddingRange], element.nextOffset)
                }
                _ = list.firstNonZeroPadding()
            }
            _ = TLVListView(chunkIn: bytes, at: offset).map { Array($0) }
            var mutable = bytes
            mutable.setBigEndianUInt32(1, at: offset)
            mutable.setBigEndianUInt16(1, at: offset)
            mutable.setByte(1, at: offset)
            #expect(mutable.count == bytes.count)
        }
    }

    /// Random chunk values the typed decoder accepts read the same through the views.
    @Test func viewsAgreeWithTheDecoderOnRandomValues() async {
        await propertyCheck(
            count: 600, input: Gen.element(of: [ChunkType.data, .sack, .initiation, .initiationAck, .nrSack]),
            Gen.uint8().array(of: 0...48)
        ) { type, value in
            guard let type else { return }
            var raw = RawPacket([])
            raw.appendChunk(type: type, value: value)
            guard let chunk = try? Chunk(decoding: raw.bytes) else { return }
            switch chunk {
            case .data(let typed):
                let view = DataChunkView(raw.bytes, at: 0)
                #expect(view.tsn == typed.tsn && view.streamID == typed.streamID && view.ppid == typed.ppid)
                #expect(view.userDataRange.map { Array(raw.bytes[$0]) } == Array(typed.userData))
            case .sack(let typed):
                let view = SACKChunkView(raw.bytes, at: 0)
                #expect(view.gapBlocks == typed.gapBlocks && view.duplicateTSNs == typed.duplicateTSNs)
                #expect(view.cumulativeTSNAck == typed.cumulativeTSNAck)
            case .nrSack(let typed):
                let view = NRSACKChunkView(raw.bytes, at: 0)
                #expect(view.gapBlocks == typed.gapBlocks && view.nrGapBlocks == typed.nrGapBlocks)
                #expect(view.duplicateTSNs == typed.duplicateTSNs && view.reserved == typed.reserved)
            case .initiation(let typed):
                let view = InitiationChunkView(raw.bytes, at: 0)
                #expect(view.initiateTag == typed.initiateTag && view.initialTSN == typed.initialTSN)
                #expect(view.parameters.map(\.type) == typed.parameters.map(\.parameterType.rawValue))
            case .initiationAck(let typed):
                let view = InitiationChunkView(raw.bytes, at: 0)
                #expect(view.outboundStreams == typed.outboundStreams && view.inboundStreams == typed.inboundStreams)
                #expect(view.parameters.map(\.type) == typed.parameters.map(\.parameterType.rawValue))
            default:
                Issue.record("decoded as \(chunk.type)")
            }
        }
    }
}
