import NetworkLayers
import SCTPWire

extension PacketView {
    /// The view of the complete SCTP packet that `location` found in a captured frame's `frame`
    /// bytes, ready for the rules: the rules that judge a packet by itself have run, and its
    /// endpoint pair has its number in `slots`. `spare` is refilled when given (a view nothing else
    /// references), else a new view is made.
    ///
    /// One call per packet for the offline checker's decoding thread (`CaptureCheck`): the
    /// endpoints, the refill and the packet rules all happen on this side of the module boundary,
    /// where they inline into one another.
    package static func located(
        _ location: SCTPLocation, in frame: UnsafeRawBufferPointer, number: Int, time: UInt64,
        verifiesChecksum: Bool, reusing spare: consuming PacketView?, numberingPairsIn slots: inout EndpointPairSlots
    ) -> PacketView {
        var sourceUDP: UInt16?
        var destinationUDP: UInt16?
        if case .udpEncapsulated(let source, let destination) = location.carriage {
            sourceUDP = source
            destinationUDP = destination
        }
        let bytes = UnsafeRawBufferPointer(rebasing: frame[location.sctpRange])
        let sourcePort = bytes.count >= 2 ? UInt16(bytes[0]) << 8 | UInt16(bytes[1]) : 0
        let destinationPort = bytes.count >= 4 ? UInt16(bytes[2]) << 8 | UInt16(bytes[3]) : 0
        let source = TransportEndpoint(host: .ip(location.source), port: sourcePort, udpPort: sourceUDP)
        let destination = TransportEndpoint(
            host: .ip(location.destination), port: destinationPort, udpPort: destinationUDP)
        let view: PacketView
        if let spare {
            spare.refill(
                number: number, time: time, source: source, destination: destination, bytes: bytes,
                verifiesChecksum: verifiesChecksum)
            view = spare
        } else {
            view = PacketView(
                number: number, time: time, source: source, destination: destination, bytes: bytes,
                verifiesChecksum: verifiesChecksum)
        }
        // The rules that need no association run here, beside decoding, off the rules' thread.
        view.judgePacketRules()
        view.assignPairSlot(&slots)
        return view
    }
}
