import NetworkLayers

/// pcapng block type codes (draft-ietf-opsawg-pcapng §4).
enum PcapngBlockType {
    static let sectionHeader: UInt32 = 0x0A0D_0D0A
    static let interfaceDescription: UInt32 = 1
    /// Obsolete Packet Block.
    static let packet: UInt32 = 2
    static let simplePacket: UInt32 = 3
    static let enhancedPacket: UInt32 = 6
}

/// pcapng option codes used here.
enum PcapngOption {
    static let endOfOptions: UInt16 = 0
    static let interfaceName: UInt16 = 2
    static let timestampResolution: UInt16 = 9
    static let timestampOffset: UInt16 = 14
}

extension CaptureParser {
    /// Reads blocks until one holds a packet, and hands its frame to `body`; false at the end of
    /// the file.
    mutating func nextPcapngFrame(_ body: (CaptureFrame) -> Void) throws(CaptureError) -> Bool {
        while true {
            let blockOffset = self.input.offset
            let available = try self.input.ensure(12)
            if available == 0 {
                return false
            }
            guard available == 12 else {
                throw CaptureError(
                    offset: blockOffset, context: "pcapng block header",
                    reason: .truncated(needed: 12, available: available))
            }
            guard case .pcapng(var state) = self.state else { return false }
            var order = state.byteOrder
            let (type, magic, bigEndianLength, littleEndianLength) = self.input.withWindow(12) { header in
                (
                    header.uint32(0, order), header.uint32(8, .littleEndian), header.uint32(4, .bigEndian),
                    header.uint32(4, .littleEndian)
                )
            }
            if type == PcapngBlockType.sectionHeader {
                switch magic {
                case 0x1A2B_3C4D: order = .littleEndian
                case 0x4D3C_2B1A: order = .bigEndian
                default:
                    throw CaptureError(
                        offset: blockOffset + 8, context: "pcapng section header block",
                        reason: .badByteOrderMagic(magic))
                }
            }
            let context = Self.blockName(type)
            let length = Int(order == .bigEndian ? bigEndianLength : littleEndianLength)
            let minimum = type == PcapngBlockType.sectionHeader ? 28 : 12
            guard length >= minimum, length % 4 == 0, length <= CaptureReader.maximumRecordLength else {
                throw CaptureError(offset: blockOffset + 4, context: context, reason: .invalidBlockLength(length))
            }
            let availableBlock = try self.input.ensure(length)
            guard availableBlock == length else {
                throw CaptureError(
                    offset: blockOffset, context: context, reason: .truncated(needed: length, available: availableBlock)
                )
            }
            // One access to the buffer for the whole block.
            let outcome = self.input.withWindow(length) { block -> Result<FramePlacement?, CaptureError> in
                do throws(CaptureError) {
                    return .success(
                        try Self.readBlock(
                            block, type: type, order: order, blockOffset: blockOffset,
                            context: context, state: &state))
                } catch {
                    return .failure(error)
                }
            }
            let placement = try outcome.get()
            self.state = .pcapng(state)
            if let placement {
                self.input.withWindow(length) { block in body(placement.frame(in: block)) }
                self.input.advance(length)
                return true
            }
            self.input.advance(length)
        }
    }

    /// Reads one whole, length-checked block: updates the section state, returns where the frame
    /// lies for packet blocks.
    private static func readBlock(
        _ block: CaptureWindow, type: UInt32, order: CaptureByteOrder, blockOffset: Int, context: String,
        state: inout PcapngState
    ) throws(CaptureError) -> FramePlacement? {
        let length = block.bytes.count
        let trailing = Int(block.uint32(length - 4, order))
        guard trailing == length else {
            throw CaptureError(
                offset: blockOffset + length - 4, context: context,
                reason: .blockLengthMismatch(leading: length, trailing: trailing))
        }
        switch type {
        case PcapngBlockType.sectionHeader:
            let major = block.uint16(12, order)
            let minor = block.uint16(14, order)
            guard major == 1 else {
                throw CaptureError(
                    offset: blockOffset + 12, context: context,
                    reason: .unsupportedVersion(major: major, minor: minor))
            }
            state = PcapngState(byteOrder: order, interfaces: [])
            return nil
        case PcapngBlockType.interfaceDescription:
            state.interfaces.append(try Self.readInterface(block, order: order, blockOffset: blockOffset))
            return nil
        case PcapngBlockType.enhancedPacket:
            return try Self.readEnhancedPacket(block, state: state, blockOffset: blockOffset)
        case PcapngBlockType.simplePacket:
            return try Self.readSimplePacket(block, state: state, blockOffset: blockOffset)
        case PcapngBlockType.packet:
            return try Self.readObsoletePacket(block, state: state, blockOffset: blockOffset)
        default:
            return nil
        }
    }

    private static func blockName(_ type: UInt32) -> String {
        switch type {
        case PcapngBlockType.sectionHeader: "pcapng section header block"
        case PcapngBlockType.interfaceDescription: "pcapng interface description block"
        case PcapngBlockType.enhancedPacket: "pcapng enhanced packet block"
        case PcapngBlockType.simplePacket: "pcapng simple packet block"
        case PcapngBlockType.packet: "pcapng packet block"
        default: "pcapng block type 0x\(String(type, radix: 16))"
        }
    }

    private static func readInterface(
        _ block: CaptureWindow, order: CaptureByteOrder, blockOffset: Int
    ) throws(CaptureError)
        -> CaptureInterface
    {
        let length = block.bytes.count
        let context = "pcapng interface description block"
        guard length >= 20 else {
            throw CaptureError(offset: blockOffset + 4, context: context, reason: .invalidBlockLength(length))
        }
        var interface = CaptureInterface(
            linkType: LinkType(rawValue: UInt32(block.uint16(8, order))), snapLength: block.uint32(12, order))
        var position = 16
        let end = length - 4
        while position + 4 <= end {
            let code = block.uint16(position, order)
            let valueLength = Int(block.uint16(position + 2, order))
            let valueStart = position + 4
            if code == PcapngOption.endOfOptions {
                break
            }
            guard valueStart + valueLength <= end else {
                throw CaptureError(
                    offset: blockOffset + position + 2, context: context + " option \(code)",
                    reason: .lengthOutOfRange(declared: valueLength, limit: end - valueStart))
            }
            switch code {
            case PcapngOption.timestampResolution where valueLength >= 1:
                interface.unitsPerSecond = try Self.unitsPerSecond(
                    block.byte(valueStart), offset: blockOffset + valueStart, context: context)
            case PcapngOption.timestampOffset where valueLength >= 8:
                let high = UInt64(block.uint32(valueStart, order))
                let low = UInt64(block.uint32(valueStart + 4, order))
                let value = order == .bigEndian ? high << 32 | low : low << 32 | high
                interface.offsetSeconds = Int64(bitPattern: value)
            case PcapngOption.interfaceName:
                let raw = block.copy(valueStart, valueLength)
                interface.name = String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            default:
                break
            }
            position = valueStart + (valueLength + 3) / 4 * 4
        }
        return interface
    }

    /// if_tsresol: a power of ten, or of two when the top bit is set.
    private static func unitsPerSecond(_ resolution: UInt8, offset: Int, context: String) throws(CaptureError) -> UInt64
    {
        let exponent = Int(resolution & 0x7F)
        if resolution & 0x80 != 0 {
            guard exponent <= 63 else {
                throw CaptureError(offset: offset, context: context, reason: .invalidValue("if_tsresol 2^-\(exponent)"))
            }
            return 1 << UInt64(exponent)
        }
        guard exponent <= 19 else {
            throw CaptureError(offset: offset, context: context, reason: .invalidValue("if_tsresol 10^-\(exponent)"))
        }
        var value: UInt64 = 1
        for _ in 0..<exponent {
            value *= 10
        }
        return value
    }

    private static func interface(
        _ index: Int, in state: PcapngState, blockOffset: Int, context: String
    ) throws(CaptureError)
        -> CaptureInterface
    {
        guard index >= 0, index < state.interfaces.count else {
            throw CaptureError(offset: blockOffset + 8, context: context, reason: .unknownInterface(index))
        }
        return state.interfaces[index]
    }

    /// Converts a 64-bit tick count of `interface` into seconds and nanoseconds.
    private static func timestamp(high: UInt32, low: UInt32, interface: CaptureInterface) -> CaptureTimestamp {
        let ticks = UInt64(high) << 32 | UInt64(low)
        let units = max(interface.unitsPerSecond, 1)
        var seconds = ticks / units
        let remainder = ticks % units
        let product = remainder.multipliedFullWidth(by: 1_000_000_000)
        let nanoseconds = units.dividingFullWidth(product).quotient
        if interface.offsetSeconds >= 0 {
            seconds =
                seconds.addingReportingOverflow(UInt64(interface.offsetSeconds)).overflow
                ? .max : seconds + UInt64(interface.offsetSeconds)
        } else {
            let back = interface.offsetSeconds.magnitude
            seconds = seconds > back ? seconds - back : 0
        }
        return CaptureTimestamp(seconds: seconds, nanoseconds: UInt32(truncatingIfNeeded: nanoseconds))
    }

    private static func readEnhancedPacket(
        _ block: CaptureWindow, state: PcapngState, blockOffset: Int
    ) throws(CaptureError)
        -> FramePlacement
    {
        let length = block.bytes.count
        let context = "pcapng enhanced packet block"
        let order = state.byteOrder
        guard length >= 32 else {
            throw CaptureError(offset: blockOffset + 4, context: context, reason: .invalidBlockLength(length))
        }
        let interfaceIndex = Int(block.uint32(8, order))
        let interface = try Self.interface(interfaceIndex, in: state, blockOffset: blockOffset, context: context)
        let capturedLength = Int(block.uint32(20, order))
        let room = length - 32
        guard capturedLength <= room else {
            throw CaptureError(
                offset: blockOffset + 20, context: context,
                reason: .lengthOutOfRange(declared: capturedLength, limit: room))
        }
        return FramePlacement(
            timestamp: Self.timestamp(
                high: block.uint32(12, order), low: block.uint32(16, order), interface: interface),
            linkType: interface.linkType, interfaceIndex: interfaceIndex,
            originalLength: Int(block.uint32(24, order)), fileOffset: blockOffset, dataOffset: 28,
            dataCount: capturedLength)
    }

    private static func readSimplePacket(
        _ block: CaptureWindow, state: PcapngState, blockOffset: Int
    ) throws(CaptureError)
        -> FramePlacement
    {
        let length = block.bytes.count
        let context = "pcapng simple packet block"
        guard length >= 16 else {
            throw CaptureError(offset: blockOffset + 4, context: context, reason: .invalidBlockLength(length))
        }
        let interface = try Self.interface(0, in: state, blockOffset: blockOffset, context: context)
        let originalLength = Int(block.uint32(8, state.byteOrder))
        var capturedLength = min(originalLength, length - 16)
        if interface.snapLength > 0 {
            capturedLength = min(capturedLength, Int(interface.snapLength))
        }
        return FramePlacement(
            timestamp: CaptureTimestamp(seconds: 0), linkType: interface.linkType, interfaceIndex: 0,
            originalLength: originalLength, fileOffset: blockOffset, dataOffset: 12, dataCount: capturedLength)
    }

    private static func readObsoletePacket(
        _ block: CaptureWindow, state: PcapngState, blockOffset: Int
    ) throws(CaptureError)
        -> FramePlacement
    {
        let length = block.bytes.count
        let context = "pcapng packet block"
        let order = state.byteOrder
        guard length >= 32 else {
            throw CaptureError(offset: blockOffset + 4, context: context, reason: .invalidBlockLength(length))
        }
        let interfaceIndex = Int(block.uint16(8, order))
        let interface = try Self.interface(interfaceIndex, in: state, blockOffset: blockOffset, context: context)
        let capturedLength = Int(block.uint32(20, order))
        let room = length - 32
        guard capturedLength <= room else {
            throw CaptureError(
                offset: blockOffset + 20, context: context,
                reason: .lengthOutOfRange(declared: capturedLength, limit: room))
        }
        return FramePlacement(
            timestamp: Self.timestamp(
                high: block.uint32(12, order), low: block.uint32(16, order), interface: interface),
            linkType: interface.linkType, interfaceIndex: interfaceIndex,
            originalLength: Int(block.uint32(24, order)), fileOffset: blockOffset, dataOffset: 28,
            dataCount: capturedLength)
    }
}
