import SCTPWire

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
    /// Addresses an INIT or INIT ACK listed (multi-homing), by endpoint: the association they belong to.
    private var byAddress: [EndpointKey: Int] = [:]
    /// The endpoints of the last packet located, for a fast path through consecutive packets of one
    /// association: source and destination, their association, and the side of `lastSource`.
    private var lastSource: EndpointKey?
    private var lastDestination: EndpointKey?
    private var lastIndex = 0
    private var lastSourceSide = 0

    /// The association `view` belongs to and the side that sent it; creates one when needed. Nil
    /// when source and destination are the same endpoint (no sides to tell apart).
    mutating func locate(_ view: PacketView, configuration: RuleConfiguration) -> (index: Int, sender: Int)? {
        let observesFromStart = configuration.observesFromStart
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
            if let sender = self.side(in: index, of: view.sourceKey, view.source) {
                if self.isOver(index) {
                    if let fresh = self.startAfterEnd(view, of: index, sender: sender, configuration: configuration) {
                        return fresh
                    }
                    return (index, sender)
                }
                self.remember(view, index: index, sender: sender)
                return (index, sender)
            }
            if carriesInit, self.isOver(index) {
                return self.create(view, origin: .handshake)
            }
        }
        if !carriesInit, let located = self.locateByListedAddress(view, configuration: configuration) {
            return located
        }
        if let header = view.header, header.verificationTag != 0,
            let (index, receiver) = self.locateByTag(view, header), !self.isOver(index)
        {
            let sender = 1 - receiver
            let destinationSide = self.side(in: index, of: view.destinationKey, view.destination)
            if self.side(in: index, of: view.sourceKey, view.source) == nil {
                self.associations[index].aliases.append((view.source, sender))
            }
            if destinationSide == nil {
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

    /// The association whose receiver's tag (or, for a reflecting ABORT or SHUTDOWN COMPLETE, whose
    /// sender's own tag) the packet carries, with the receiver's side.
    private func locateByTag(_ view: PacketView, _ header: CommonHeader) -> (Int, Int)? {
        let tag = header.verificationTag
        if let index = self.byTag[
            TaggedPorts(receiverPort: header.destinationPort, senderPort: header.sourcePort, tag: tag)]
        {
            return (index, self.associations[index].side(0, accepts: tag) ? 0 : 1)
        }
        if view.hasReflectingChunk,
            let index = self.byTag[
                TaggedPorts(receiverPort: header.sourcePort, senderPort: header.destinationPort, tag: tag)]
        {
            return (index, self.associations[index].side(0, accepts: tag) ? 1 : 0)
        }
        return nil
    }

    /// The association whose INIT or INIT ACK listed both ends of the packet (on different sides).
    private mutating func locateByListedAddress(
        _ view: PacketView, configuration: RuleConfiguration
    ) -> (index: Int, sender: Int)? {
        guard !self.byAddress.isEmpty,
            let index = self.byAddress[view.sourceKey] ?? self.byAddress[view.destinationKey]
        else { return nil }
        // Asked in place: the array's getter would copy the whole association.
        let sender = self.side(in: index, of: view.sourceKey, view.source)
        let receiver = self.side(in: index, of: view.destinationKey, view.destination)
        guard let sender, let receiver, sender != receiver else { return nil }
        let isOver = self.isOver(index)
        if isOver, let fresh = self.startAfterEnd(view, of: index, sender: sender, configuration: configuration) {
            return fresh
        }
        self.setCurrent(index, slot: view.pairSlot)
        if !isOver {
            self.remember(view, index: index, sender: sender)
        }
        return (index, sender)
    }

    /// A packet between the endpoints of an association that has ended (both sides closed): fresh
    /// tracking (a new association: out of the blue, or a new handshake), unless the packet still
    /// belongs to the old one (`AssociationState.stillBelongs`). Nil when it does.
    private mutating func startAfterEnd(
        _ view: PacketView, of index: Int, sender: Int, configuration: RuleConfiguration
    ) -> (index: Int, sender: Int)? {
        let ended = self.associations[index]
        let carriesInit = view.firstChunkType == .initiation
        if !carriesInit,
            ended.origin == .outOfTheBlue || ended.stillBelongs(view, sender: sender, configuration: configuration)
        {
            self.lastSource = nil
            self.lastDestination = nil
            return nil
        }
        let fresh = self.create(view, origin: carriesInit ? .handshake : .outOfTheBlue)
        if !carriesInit {
            // The endpoints still know the tags they announced last; nothing else carries over.
            let receiver = 1 - sender
            self.associations[fresh.0].sides[0].tag = ended.sides[sender].tag
            self.associations[fresh.0].sides[1].tag = ended.sides[receiver].tag
        }
        return fresh
    }

    /// The side of association `index` that `endpoint` is, asked in place (see `isOver(_:)`).
    private func side(in index: Int, of key: EndpointKey, _ endpoint: TransportEndpoint) -> Int? {
        self.associations.withUnsafeBufferPointer { $0[index].side(of: key, endpoint) }
    }

    /// Whether association `index` is over, asked in place: the array's getter would copy the whole
    /// association (every packet that misses the last-pair fast path asks this).
    private func isOver(_ index: Int) -> Bool {
        self.associations.withUnsafeBufferPointer {
            $0[index].sides.withUnsafeBufferPointer(AssociationState.isOver(sides:))
        }
    }

    /// Forgets the last packet's endpoints, so that the next packet between them is located anew.
    mutating func forgetLast() {
        self.lastSource = nil
        self.lastDestination = nil
    }

    /// Makes the addresses `association.aliases` holds from `start` on findable.
    mutating func register(aliasesFrom start: Int, in index: Int) {
        let aliases = self.associations[index].aliases
        guard start < aliases.count else { return }
        for alias in aliases[start...] {
            self.byAddress[EndpointKey(alias.endpoint)] = index
        }
        for side in 0..<2 {
            self.byAddress[EndpointKey(self.associations[index].sides[side].endpoint)] = index
        }
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
