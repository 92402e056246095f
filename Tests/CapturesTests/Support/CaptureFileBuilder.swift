import Captures

/// Writes pcap and pcapng bytes in either byte order, independently of the `Captures` writer,
/// so that the reader is tested against files it did not produce.
struct CaptureFileBuilder {
    let bigEndian: Bool
    var bytes: [UInt8] = []
    /// File offsets where each pcapng block ends.
    private(set) var blockEnds: [Int] = []

    init(bigEndian: Bool) {
        self.bigEndian = bigEndian
    }

    mutating func u8(_ value: UInt8) { self.bytes.append(value) }

    mutating func u16(_ value: UInt16) {
        let pair = [UInt8(value >> 8), UInt8(value & 0xFF)]
        self.bytes += self.bigEndian ? pair : pair.reversed()
    }

    mutating func u32(_ value: UInt32) {
        let quad = [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        self.bytes += self.bigEndian ? quad : quad.reversed()
    }

    mutating func u64(_ value: UInt64) {
        if self.bigEndian {
            self.u32(UInt32(value >> 32))
            self.u32(UInt32(value & 0xFFFF_FFFF))
        } else {
            self.u32(UInt32(value & 0xFFFF_FFFF))
            self.u32(UInt32(value >> 32))
        }
    }

    // MARK: classic pcap

    mutating func pcapHeader(magic: UInt32, linkType: UInt32, snapLength: UInt32 = 65_535) {
        self.u32(magic)
        self.u16(2)
        self.u16(4)
        self.u32(0)
        self.u32(0)
        self.u32(snapLength)
        self.u32(linkType)
    }

    mutating func pcapRecord(
        seconds: UInt32, fraction: UInt32, data: [UInt8], originalLength: Int? = nil,
        modifiedExtra: Bool = false
    ) {
        self.u32(seconds)
        self.u32(fraction)
        self.u32(UInt32(data.count))
        self.u32(UInt32(originalLength ?? data.count))
        if modifiedExtra {
            self.u32(3)  // ifindex
            self.u16(0x0800)
            self.u8(0)
            self.u8(0)
        }
        self.bytes += data
    }

    // MARK: pcapng

    /// One block: type, length, body padded to 4, length again.
    mutating func block(type: UInt32, body: [UInt8]) {
        var padded = body
        while padded.count % 4 != 0 { padded.append(0) }
        self.u32(type)
        self.u32(UInt32(12 + padded.count))
        self.bytes += padded
        self.u32(UInt32(12 + padded.count))
        self.blockEnds.append(self.bytes.count)
    }

    /// A body built with this builder's byte order.
    func body(_ build: (inout CaptureFileBuilder) -> Void) -> [UInt8] {
        var inner = CaptureFileBuilder(bigEndian: self.bigEndian)
        build(&inner)
        return inner.bytes
    }

    mutating func sectionHeader() {
        let body = self.body { b in
            b.u32(0x1A2B_3C4D)
            b.u16(1)
            b.u16(0)
            b.u64(UInt64.max)  // section length unknown
            b.u16(4)  // shb_userappl
            b.u16(5)
            b.bytes += Array("tests".utf8) + [0, 0, 0]
            b.u16(0)
            b.u16(0)
        }
        self.block(type: 0x0A0D_0D0A, body: body)
    }

    /// An interface; `resolution` is the raw if_tsresol byte, `offset` the if_tsoffset seconds.
    mutating func interface(
        linkType: UInt16, snapLength: UInt32 = 0, resolution: UInt8? = nil, offset: Int64? = nil,
        name: String? = nil
    ) {
        let body = self.body { b in
            b.u16(linkType)
            b.u16(0)
            b.u32(snapLength)
            if let name {
                let utf8 = Array(name.utf8)
                b.u16(2)
                b.u16(UInt16(utf8.count))
                b.bytes += utf8
                while b.bytes.count % 4 != 0 { b.bytes.append(0) }
            }
            if let resolution {
                b.u16(9)
                b.u16(1)
                b.bytes += [resolution, 0, 0, 0]
            }
            if let offset {
                b.u16(14)
                b.u16(8)
                b.u64(UInt64(bitPattern: offset))
            }
            b.u16(0)
            b.u16(0)
        }
        self.block(type: 1, body: body)
    }

    mutating func enhancedPacket(interface: UInt32, ticks: UInt64, data: [UInt8], originalLength: Int? = nil) {
        let body = self.body { b in
            b.u32(interface)
            b.u32(UInt32(ticks >> 32))
            b.u32(UInt32(ticks & 0xFFFF_FFFF))
            b.u32(UInt32(data.count))
            b.u32(UInt32(originalLength ?? data.count))
            b.bytes += data
            while b.bytes.count % 4 != 0 { b.bytes.append(0) }
            b.u16(1)  // opt_comment
            b.u16(2)
            b.bytes += [0x68, 0x69, 0, 0]
            b.u16(0)
            b.u16(0)
        }
        self.block(type: 6, body: body)
    }

    mutating func simplePacket(data: [UInt8], originalLength: Int? = nil) {
        let body = self.body { b in
            b.u32(UInt32(originalLength ?? data.count))
            b.bytes += data
        }
        self.block(type: 3, body: body)
    }

    mutating func obsoletePacket(interface: UInt16, ticks: UInt64, data: [UInt8]) {
        let body = self.body { b in
            b.u16(interface)
            b.u16(0)
            b.u32(UInt32(ticks >> 32))
            b.u32(UInt32(ticks & 0xFFFF_FFFF))
            b.u32(UInt32(data.count))
            b.u32(UInt32(data.count))
            b.bytes += data
        }
        self.block(type: 2, body: body)
    }
}
