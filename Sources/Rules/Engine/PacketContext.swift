/// One packet on its way through the rules: who sent it in its association, and whether its
/// receiver may process what comes next.
struct PacketContext {
    let view: PacketView
    let associationID: Int
    /// Side index (0 or 1) of the sender; the receiver is the other one.
    let sender: Int
    let configuration: RuleConfiguration
    /// Why the receiver must discard the rest of the packet, nil while it may process it.
    var discard: DiscardReason?
    /// The receiver has no association for it (RFC 9260 §8.4).
    var isOutOfTheBlue = false
    /// A COOKIE ECHO came earlier in this packet (what follows rides along with it).
    var followsCookieEcho = false
    /// An unknown chunk whose type says skip came earlier in this packet (its type).
    var followsSkippedUnknownChunk: UInt8?

    init(view: PacketView, associationID: Int, sender: Int, configuration: RuleConfiguration) {
        self.view = view
        self.associationID = associationID
        self.sender = sender
        self.configuration = configuration
    }

    var receiver: Int { 1 - self.sender }
    var number: Int { self.view.number }
    var tag: UInt32 { self.view.verificationTag }

    /// Whether the receiver takes in what the current chunk carries.
    var receiverProcesses: Bool {
        self.discard == nil && !self.isOutOfTheBlue
    }
}
