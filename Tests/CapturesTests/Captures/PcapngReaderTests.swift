import Captures
import NetworkLayers
import Testing

@Suite("pcapng reading")
struct PcapngReaderTests {
    /// A section with three interfaces, four packets and two blocks to skip; also returns the
    /// offsets of the packet blocks.
    static func sample(bigEndian: Bool) -> (builder: CaptureFileBuilder, packetOffsets: [Int]) {
        var b = CaptureFileBuilder(bigEndian: bigEndian)
        var offsets: [Int] = []
        b.sectionHeader()
        b.interface(linkType: 1, snapLength: 0, name: "eth0")  // microseconds by default
        b.interface(linkType: 101, resolution: 9, offset: 100)  // nanoseconds, +100 s
        b.interface(linkType: 276, resolution: 0x80 | 10)  // 1/1024 s
        offsets.append(b.bytes.count)
        b.enhancedPacket(interface: 0, ticks: 1_595_518_918_370_315, data: [1, 2, 3, 4, 5])
        b.block(type: 5, body: [UInt8](repeating: 0xEE, count: 20))  // interface statistics: skipped
        offsets.append(b.bytes.count)
        b.enhancedPacket(interface: 1, ticks: 5_000_000_123, data: [0x45], originalLength: 60)
        b.block(type: 0x0BAD_0BAD, body: [1, 2, 3])  // unknown: skipped
        offsets.append(b.bytes.count)
        b.enhancedPacket(interface: 2, ticks: 2_048 + 512, data: [6, 7])
        offsets.append(b.bytes.count)
        b.obsoletePacket(interface: 1, ticks: 42, data: [8, 9, 10])
        return (b, offsets)
    }

    @Test(
        "sections in both byte orders, several interfaces, enhanced and obsolete packet blocks",
        arguments: [false, true])
    func sample(bigEndian: Bool) throws {
        let (builder, offsets) = Self.sample(bigEndian: bigEndian)
        let reader = try CaptureReader(bytes: builder.bytes)
        #expect(reader.format == .pcapng)
        let records = try reader.readAll()
        #expect(records.map(\.bytes) == [[1, 2, 3, 4, 5], [0x45], [6, 7], [8, 9, 10]])
        #expect(records.map(\.linkType) == [.ethernet, .raw, .linuxSLL2, .raw])
        #expect(records.map(\.interfaceIndex) == [0, 1, 2, 1])
        #expect(records[0].timestamp == CaptureTimestamp(seconds: 1_595_518_918, nanoseconds: 370_315_000))
        #expect(records[1].timestamp == CaptureTimestamp(seconds: 105, nanoseconds: 123))
        #expect(records[1].originalLength == 60 && records[1].isTruncated)
        #expect(records[2].timestamp == CaptureTimestamp(seconds: 2, nanoseconds: 500_000_000))
        #expect(records[3].timestamp == CaptureTimestamp(seconds: 100, nanoseconds: 42))
        #expect(reader.interfaces.map(\.name) == ["eth0", nil, nil])
        #expect(reader.interfaces.map(\.unitsPerSecond) == [1_000_000, 1_000_000_000, 1_024])
        #expect(records.map(\.fileOffset) == offsets)
    }

    @Test("a new section resets the interfaces and may switch byte order")
    func sections() throws {
        var first = CaptureFileBuilder(bigEndian: false)
        first.sectionHeader()
        first.interface(linkType: 1)
        first.enhancedPacket(interface: 0, ticks: 1, data: [1])
        var second = CaptureFileBuilder(bigEndian: true)
        second.sectionHeader()
        second.interface(linkType: 229)
        let secondPacketOffset = first.bytes.count + second.bytes.count
        second.enhancedPacket(interface: 0, ticks: 2, data: [2])
        second.simplePacket(data: [3, 4])
        let reader = try CaptureReader(bytes: first.bytes + second.bytes)
        let records = try reader.readAll()
        #expect(records.map(\.bytes) == [[1], [2], [3, 4]])
        #expect(records.map(\.linkType) == [.ethernet, .ipv6, .ipv6])
        #expect(records[1].fileOffset == secondPacketOffset)
        #expect(reader.interfaces.count == 1)
    }

    @Test("simple packet blocks take the snapshot length into account")
    func simplePackets() throws {
        var b = CaptureFileBuilder(bigEndian: false)
        b.sectionHeader()
        b.interface(linkType: 101, snapLength: 3)
        b.simplePacket(data: [1, 2, 3, 0, 0], originalLength: 9)
        let record = try #require(try CaptureReader(bytes: b.bytes).next())
        #expect(record.bytes == [1, 2, 3] && record.originalLength == 9)
    }

    @Test("packets on undescribed interfaces, lying lengths and bad magic are located errors")
    func corrupt() throws {
        var unknown = CaptureFileBuilder(bigEndian: false)
        unknown.sectionHeader()
        unknown.interface(linkType: 1)
        let packetOffset = unknown.bytes.count
        unknown.enhancedPacket(interface: 3, ticks: 0, data: [1])
        #expect(
            throws: CaptureError(
                offset: packetOffset + 8, context: "pcapng enhanced packet block", reason: .unknownInterface(3))
        ) {
            try CaptureReader(bytes: unknown.bytes).readAll()
        }

        var mismatch = CaptureFileBuilder(bigEndian: true)
        mismatch.sectionHeader()
        let blockOffset = mismatch.bytes.count
        mismatch.interface(linkType: 1)
        mismatch.bytes[mismatch.bytes.count - 1] ^= 0x04
        #expect(throws: CaptureError.self) { try CaptureReader(bytes: mismatch.bytes).readAll() }
        do {
            _ = try CaptureReader(bytes: mismatch.bytes).readAll()
        } catch {
            #expect(error.offset == mismatch.bytes.count - 4)
            #expect(
                error.reason
                    == .blockLengthMismatch(
                        leading: mismatch.bytes.count - blockOffset, trailing: (mismatch.bytes.count - blockOffset) ^ 4)
            )
        }

        var lying = CaptureFileBuilder(bigEndian: false)
        lying.sectionHeader()
        lying.interface(linkType: 1)
        let lyingOffset = lying.bytes.count
        lying.enhancedPacket(interface: 0, ticks: 0, data: [1, 2, 3, 4])
        lying.bytes[lyingOffset + 20] = 200  // captured length beyond the block
        #expect(
            throws: CaptureError(
                offset: lyingOffset + 20, context: "pcapng enhanced packet block",
                reason: .lengthOutOfRange(declared: 200, limit: 4 + 12))
        ) {
            try CaptureReader(bytes: lying.bytes).readAll()
        }

        var badMagic = CaptureFileBuilder(bigEndian: false)
        badMagic.sectionHeader()
        badMagic.bytes[8] = 0x00
        #expect(throws: CaptureError.self) { try CaptureReader(bytes: badMagic.bytes).readAll() }

        var oddLength = CaptureFileBuilder(bigEndian: false)
        oddLength.sectionHeader()
        oddLength.u32(6)
        oddLength.u32(13)
        oddLength.bytes += [UInt8](repeating: 0, count: 9)
        #expect(
            throws: CaptureError(
                offset: 44 + 4, context: "pcapng enhanced packet block",
                reason: .invalidBlockLength(13))
        ) {
            try CaptureReader(bytes: oddLength.bytes).readAll()
        }

        var resolution = CaptureFileBuilder(bigEndian: false)
        resolution.sectionHeader()
        resolution.interface(linkType: 1, resolution: 30)
        #expect(throws: CaptureError.self) { try CaptureReader(bytes: resolution.bytes).readAll() }
    }

    @Test("every truncated prefix yields the whole packets before it, then a located error", arguments: [false, true])
    func everyPrefix(bigEndian: Bool) throws {
        let builder = Self.sample(bigEndian: bigEndian).builder
        let file = builder.bytes
        let complete = try CaptureReader(bytes: file).readAll()
        for length in 4..<file.count {
            var read: [CaptureRecord] = []
            let failure: CaptureError?
            do {
                failure = try CaptureReader(bytes: Array(file.prefix(length))).readAvailable(into: &read)
            } catch {
                failure = error
            }
            #expect(read == Array(complete.prefix(read.count)), "prefix \(length)")
            #expect(read.allSatisfy { $0.fileOffset < length })
            let wholeRecords = complete.filter { record in
                builder.blockEnds.first { $0 > record.fileOffset }.map { $0 <= length } ?? false
            }
            #expect(read.count == wholeRecords.count, "prefix \(length)")
            if builder.blockEnds.contains(length) {
                #expect(failure == nil, "prefix \(length) ends on a block boundary")
            } else {
                let error = try #require(failure, "prefix \(length)")
                #expect(error.offset >= 0 && error.offset <= length, "\(error)")
                if case .truncated = error.reason {} else { Issue.record("prefix \(length): \(error)") }
            }
        }
    }
}
