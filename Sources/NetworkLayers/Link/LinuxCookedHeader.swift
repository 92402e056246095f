/// The Linux "cooked" capture header, version 1 (LINKTYPE_LINUX_SLL, 16 bytes): what `tcpdump -i
/// any` writes. Fields: packet type, ARPHRD type, link-layer address length, 8 address bytes,
/// protocol (an Ethernet type).
public struct LinuxCookedHeader: Hashable, Sendable {
    /// 0 to us, 1 broadcast, 2 multicast, 3 to someone else, 4 sent by us.
    public var packetType: UInt16
    /// ARPHRD_ value of the interface (1 Ethernet, 772 loopback, ...).
    public var hardwareType: UInt16
    /// How many of the 8 address bytes are meaningful.
    public var addressLength: UInt16
    /// The link-layer source address (8 bytes, zero-padded).
    public var address: [UInt8]
    /// The Ethernet type of the payload.
    public var protocolType: UInt16

    public static let length = 16

    public init(
        packetType: UInt16 = 4, hardwareType: UInt16 = 772, addressLength: UInt16 = 0,
        address: [UInt8] = [], protocolType: UInt16
    ) {
        self.packetType = packetType
        self.hardwareType = hardwareType
        self.addressLength = addressLength
        self.address = Array((address + [UInt8](repeating: 0, count: 8)).prefix(8))
        self.protocolType = protocolType
    }

    /// Decodes the header at `offset`; the payload starts 16 bytes later.
    public static func decode(_ frame: [UInt8], at offset: Int = 0) throws(NetworkLayerError) -> LinuxCookedHeader {
        try FrameBytes.require(frame, offset, Self.length, .linuxCooked)
        return LinuxCookedHeader(
            packetType: FrameBytes.uint16(frame, offset),
            hardwareType: FrameBytes.uint16(frame, offset + 2),
            addressLength: FrameBytes.uint16(frame, offset + 4),
            address: Array(frame[(offset + 6)..<(offset + 14)]),
            protocolType: FrameBytes.uint16(frame, offset + 14))
    }

    /// Appends the header's 16 bytes.
    public func encode(into bytes: inout [UInt8]) {
        FrameBytes.appendUInt16(self.packetType, to: &bytes)
        FrameBytes.appendUInt16(self.hardwareType, to: &bytes)
        FrameBytes.appendUInt16(self.addressLength, to: &bytes)
        bytes.append(contentsOf: (self.address + [UInt8](repeating: 0, count: 8)).prefix(8))
        FrameBytes.appendUInt16(self.protocolType, to: &bytes)
    }
}

/// The Linux "cooked" capture header, version 2 (LINKTYPE_LINUX_SLL2, 20 bytes): protocol,
/// reserved, interface index, ARPHRD type, packet type, address length, 8 address bytes.
public struct LinuxCookedV2Header: Hashable, Sendable {
    /// The Ethernet type of the payload.
    public var protocolType: UInt16
    public var reserved: UInt16
    /// The capturing interface's index.
    public var interfaceIndex: UInt32
    /// ARPHRD_ value of the interface.
    public var hardwareType: UInt16
    /// 0 to us, 1 broadcast, 2 multicast, 3 to someone else, 4 sent by us.
    public var packetType: UInt8
    /// How many of the 8 address bytes are meaningful.
    public var addressLength: UInt8
    /// The link-layer source address (8 bytes, zero-padded).
    public var address: [UInt8]

    public static let length = 20

    public init(
        protocolType: UInt16, reserved: UInt16 = 0, interfaceIndex: UInt32 = 0, hardwareType: UInt16 = 772,
        packetType: UInt8 = 4, addressLength: UInt8 = 0, address: [UInt8] = []
    ) {
        self.protocolType = protocolType
        self.reserved = reserved
        self.interfaceIndex = interfaceIndex
        self.hardwareType = hardwareType
        self.packetType = packetType
        self.addressLength = addressLength
        self.address = Array((address + [UInt8](repeating: 0, count: 8)).prefix(8))
    }

    /// Decodes the header at `offset`; the payload starts 20 bytes later.
    public static func decode(_ frame: [UInt8], at offset: Int = 0) throws(NetworkLayerError) -> LinuxCookedV2Header {
        try FrameBytes.require(frame, offset, Self.length, .linuxCookedV2)
        return LinuxCookedV2Header(
            protocolType: FrameBytes.uint16(frame, offset),
            reserved: FrameBytes.uint16(frame, offset + 2),
            interfaceIndex: FrameBytes.uint32(frame, offset + 4),
            hardwareType: FrameBytes.uint16(frame, offset + 8),
            packetType: frame[offset + 10],
            addressLength: frame[offset + 11],
            address: Array(frame[(offset + 12)..<(offset + 20)]))
    }

    /// Appends the header's 20 bytes.
    public func encode(into bytes: inout [UInt8]) {
        FrameBytes.appendUInt16(self.protocolType, to: &bytes)
        FrameBytes.appendUInt16(self.reserved, to: &bytes)
        FrameBytes.appendUInt32(self.interfaceIndex, to: &bytes)
        FrameBytes.appendUInt16(self.hardwareType, to: &bytes)
        bytes.append(self.packetType)
        bytes.append(self.addressLength)
        bytes.append(contentsOf: (self.address + [UInt8](repeating: 0, count: 8)).prefix(8))
    }
}
