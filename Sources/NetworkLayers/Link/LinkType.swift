/// A pcap/pcapng link-layer header type (the LINKTYPE_ values of the tcpdump.org registry, also
/// the pcapng IDB `LinkType` field): how the bytes of a captured frame begin.
///
/// A struct rather than an enum so that files with any link type can be read and reported.
public struct LinkType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Ethernet II / IEEE 802.3 frames (LINKTYPE_ETHERNET).
    public static let ethernet = LinkType(rawValue: 1)
    /// A raw IPv4 or IPv6 packet, version from the first nibble (LINKTYPE_RAW).
    public static let raw = LinkType(rawValue: 101)
    /// Linux "cooked" capture v1, 16-byte header (LINKTYPE_LINUX_SLL).
    public static let linuxSLL = LinkType(rawValue: 113)
    /// Linux "cooked" capture v2, 20-byte header (LINKTYPE_LINUX_SLL2).
    public static let linuxSLL2 = LinkType(rawValue: 276)
    /// A raw IPv4 packet (LINKTYPE_IPV4).
    public static let ipv4 = LinkType(rawValue: 228)
    /// A raw IPv6 packet (LINKTYPE_IPV6).
    public static let ipv6 = LinkType(rawValue: 229)
    /// DLT_RAW as numbered on most BSDs; also raw IP.
    public static let rawBSD = LinkType(rawValue: 12)
    /// DLT_RAW as numbered on OpenBSD; also raw IP.
    public static let rawOpenBSD = LinkType(rawValue: 14)

    /// Whether frames of this type begin with an IP header.
    public var isRawIP: Bool {
        self == .raw || self == .rawBSD || self == .rawOpenBSD || self == .ipv4 || self == .ipv6
    }

    /// Whether the extractor understands this link type.
    public var isSupported: Bool {
        self.isRawIP || self == .ethernet || self == .linuxSLL || self == .linuxSLL2
    }

    /// `ethernet (1)`, `raw (101)`, ... or `linktype 42` for the ones this module does not name.
    public var description: String {
        let name: String? =
            switch self.rawValue {
            case 1: "ethernet"
            case 12, 14, 101: "raw"
            case 113: "linux-sll"
            case 276: "linux-sll2"
            case 228: "ipv4"
            case 229: "ipv6"
            default: nil
            }
        if let name {
            return "\(name) (\(self.rawValue))"
        }
        return "linktype \(self.rawValue)"
    }
}

/// Ethernet type values that matter below SCTP (IEEE 802 numbers).
public enum EtherType {
    public static let ipv4: UInt16 = 0x0800
    public static let ipv6: UInt16 = 0x86DD
    /// IEEE 802.1Q customer VLAN tag.
    public static let vlan: UInt16 = 0x8100
    /// IEEE 802.1ad service VLAN tag (QinQ outer tag).
    public static let serviceVLAN: UInt16 = 0x88A8
    /// The pre-standard QinQ tag some switches still send.
    public static let legacyQinQ: UInt16 = 0x9100

    /// Whether `value` introduces a VLAN tag.
    public static func isVLANTag(_ value: UInt16) -> Bool {
        value == Self.vlan || value == Self.serviceVLAN || value == Self.legacyQinQ
    }
}
