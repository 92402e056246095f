/// IANA "Assigned Internet Protocol Numbers" that matter below SCTP: the IPv4 Protocol field and
/// the IPv6 Next Header field share them.
public enum IPProtocolNumber {
    public static let hopByHopOptions: UInt8 = 0
    public static let tcp: UInt8 = 6
    public static let udp: UInt8 = 17
    public static let ipv6Routing: UInt8 = 43
    public static let ipv6Fragment: UInt8 = 44
    public static let encapsulatingSecurityPayload: UInt8 = 50
    public static let authenticationHeader: UInt8 = 51
    public static let icmpv6: UInt8 = 58
    public static let noNextHeader: UInt8 = 59
    public static let ipv6DestinationOptions: UInt8 = 60
    /// SCTP (RFC 9260 §1: IP protocol number 132).
    public static let sctp: UInt8 = 132
}
