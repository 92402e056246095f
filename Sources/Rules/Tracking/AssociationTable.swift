/// The two endpoints of a packet, in an order that does not depend on direction. Computed once
/// per packet, on the decoding thread, with a fingerprint of both keys that is all the table hashes.
struct EndpointPair: Hashable, Sendable {
    let low: EndpointKey
    let high: EndpointKey
    /// A mix of every word of both keys (equal pairs have equal fingerprints).
    let fingerprint: UInt64

    init(_ a: EndpointKey, _ b: EndpointKey) {
        if a < b {
            self.low = a
            self.high = b
        } else {
            self.low = b
            self.high = a
        }
        func mixed(_ mix: UInt64, _ word: UInt64) -> UInt64 {
            let product = (mix ^ word) &* 0xBF58_476D_1CE4_E5B9
            return product ^ (product >> 31)
        }
        var mix: UInt64 = 0x9E37_79B9_7F4A_7C15
        mix = mixed(mix, self.low.high)
        mix = mixed(mix, self.low.low)
        mix = mixed(mix, self.low.tail)
        mix = mixed(mix, self.high.high)
        mix = mixed(mix, self.high.low)
        self.fingerprint = mixed(mix, self.high.tail)
    }

    static func == (lhs: EndpointPair, rhs: EndpointPair) -> Bool {
        lhs.fingerprint == rhs.fingerprint && lhs.low == rhs.low && lhs.high == rhs.high
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(self.fingerprint)
    }
}

/// A receiver's tag together with the ports, for finding an association from another address.
struct TaggedPorts: Hashable, Sendable {
    let receiverPort: UInt16
    let senderPort: UInt16
    let tag: UInt32
}

/// Every association seen, and which one each pair of endpoints currently belongs to.
struct AssociationTable: Sendable {
    var associations: [AssociationState] = []
    /// By endpoint-pair slot (`PacketView.pairSlot`): the index of the pair's current
    /// association, -1 for none.
    private var current: [Int32] = []
    private var byTag: [TaggedPorts: Int] = [:]
    /// The endpoints of the last packet located, for a fast path through consecutive packets of one
    /// association: source and destination, their association, and the side of `lastSource`.
    private var lastSource: EndpointKey?
    private var lastDestination: EndpointKey?
    private var lastIndex = 0
    private var lastSourceSide = 0

    /// The association `view` belongs to and the side that sent it; creates one when needed. Nil
    /// when source and destination are the same endpoint (no sides to tell apart).
    mutating func locate(_ view: PacketView, observesFromStart: Bool) -> (index: Int, sender: Int)? {
        let carriesInit = view.firstChunkType == .initiation
        if !carriesInit, let lastSource = self.lastSource, let lastDestination = self.lastDestination {
            if view.sourceKey == lastSource, view.destinationKey == lastDestination {
                return (self.lastIndex, self.lastSourceSide)
            }
            if view.sourceKey == lastDestination, view.destinationKey == lastSource {
                return (self.lastIndex, 1 - self.lastSourceSide)
            }
        }
        guard view.sourceKey != view.destinationKey else { return nil }
        if let index = self.currentIndex(slot: view.pairSlot) {
            if carriesInit, self.associations[index].isOver {
                return self.create(view, origin: .handshake)
            }
            if let sender = self.associations[index].side(of: view.sourceKey, view.source) {
                self.remember(view, index: index, sender: sender)
                return (index, sender)
            }
        }
        if let header = view.header, header.verificationTag != 0,
            let index = self.byTag[
                TaggedPorts(
                    receiverPort: header.destinationPort, senderPort: header.sourcePort, tag: header.verificationTag)],
            !self.associations[index].isOver
        {
            let association = self.associations[index]
            let receiver = association.sides[0].tag == header.verificationTag ? 0 : 1
            let sender = 1 - receiver
            if association.side(of: view.sourceKey, view.source) == nil {
                self.associations[index].aliases.append((view.source, sender))
            }
            if association.side(of: view.destinationKey, view.destination) == nil {
                self.associations[index].aliases.append((view.destination, receiver))
            }
            self.setCurrent(index, slot: view.pairSlot)
            self.remember(view, index: index, sender: sender)
            return (index, sender)
        }
        let origin: AssociationOrigin =
            carriesInit ? .handshake : (observesFromStart ? .outOfTheBlue : .joinedMidway)
        return self.create(view, origin: origin)
    }

    func currentIndex(slot: Int) -> Int? {
        guard slot < self.current.count else { return nil }
        let index = self.current[slot]
        return index < 0 ? nil : Int(index)
    }

    private mutating func setCurrent(_ index: Int, slot: Int) {
        if slot >= self.current.count {
            self.current.append(contentsOf: repeatElement(-1, count: slot + 1 - self.current.count))
        }
        self.current[slot] = Int32(index)
    }

    /// Makes `tag` of `side` findable from other addresses (multi-homing).
    mutating func register(tag: UInt32, side: Int, in index: Int) {
        let association = self.associations[index]
        let key = TaggedPorts(
            receiverPort: association.sides[side].endpoint.port,
            senderPort: association.sides[1 - side].endpoint.port, tag: tag)
        self.byTag[key] = index
    }

    private mutating func create(_ view: PacketView, origin: AssociationOrigin) -> (Int, Int) {
        let index = self.associations.count
        self.associations.append(
            AssociationState(
                id: index + 1, first: view.source, second: view.destination, firstKey: view.sourceKey,
                secondKey: view.destinationKey, origin: origin, packet: view.number))
        self.setCurrent(index, slot: view.pairSlot)
        self.remember(view, index: index, sender: 0)
        return (index, 0)
    }

    private mutating func remember(_ view: PacketView, index: Int, sender: Int) {
        self.lastSource = view.sourceKey
        self.lastDestination = view.destinationKey
        self.lastIndex = index
        self.lastSourceSide = sender
    }
}
