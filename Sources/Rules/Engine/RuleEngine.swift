/// The rule checker: give it every packet of a run or capture, in order, then call `finish()`.
/// It tracks associations from the packets alone (both directions, several at once, collisions,
/// restarts, out-of-the-blue traffic) and returns what each packet breaks. Both sides are judged;
/// each finding names the endpoint that broke the rule.
public struct RuleEngine: Sendable {
    public let configuration: RuleConfiguration
    private var table = AssociationTable()
    /// The association the last packet belonged to (an index into the table), for `trackedSides(local:remote:)`.
    private var lastLocated: Int?
    /// Numbers for the endpoint pairs of the views this engine decodes itself.
    private var pairSlots = EndpointPairSlots()
    private var sink: FindingSink
    /// Packets given to `process`.
    public private(set) var packetCount = 0
    /// Packets the capture did not keep whole (not judged).
    public private(set) var incompletePackets = 0

    public init(configuration: RuleConfiguration) {
        self.configuration = configuration
        self.sink = FindingSink(limit: configuration.findingLimitPerRule)
    }

    /// Judges one packet; returns the findings it brings.
    public mutating func process(_ observation: SCTPObservation) -> [Finding] {
        guard observation.missingBytes == 0 else {
            self.packetCount += 1
            self.incompletePackets += 1
            return []
        }
        let view = PacketView(observation)
        view.assignPairSlot(&self.pairSlots)
        return self.process(view)
    }

    /// Judges a packet already decoded (the capture reader decodes on its own thread, and numbers
    /// the endpoint pairs; a view it did not number gets this engine's numbering, so an engine
    /// must not be given views of both kinds).
    package mutating func process(_ view: PacketView) -> [Finding] {
        if view.pairSlot < 0 {
            view.assignPairSlot(&self.pairSlots)
        }
        self.packetCount += 1
        let located =
            view.header == nil ? nil : self.table.locate(view, configuration: self.configuration)
        let associationID = located.map { self.table.associations[$0.index].id }
        self.lastLocated = located?.index ?? self.lastLocated
        if associationID == nil {
            PacketFormatRules.judgeZeroChecksumWithoutAssociation(view, sink: &self.sink)
        }
        // Offline, a checksum its receiver would reject may be judged as received (checksum offload,
        // RFC 2960 Adler-32): `ChecksumOffload` then reports it, once for the endpoint.
        var checksumHeld = false
        if let located, !view.hasCorrectChecksum {
            checksumHeld = ChecksumOffload.holds(
                view, sender: located.sender, self.table.associations[located.index], configuration: self.configuration)
        }
        for finding in (view.packetFindings ?? PacketFindings(judging: view)).items {
            if checksumHeld, finding.rule.id == PacketFormatRules.checksum.id { continue }
            self.sink.report(
                finding.rule, finding.message, by: view.source, packet: view.number, time: view.time,
                association: associationID)
        }
        if let located {
            let index = located.index
            let tagsBefore = (self.table.associations[index].sides[0].tag, self.table.associations[index].sides[1].tag)
            let initiates = view.firstChunkType == .initiation || view.firstChunkType == .initiationAck
            let aliasesBefore = initiates ? self.table.associations[index].aliases.count : 0
            let isOver = PacketProcessor.process(
                view, sender: located.sender, &self.table.associations[index], configuration: self.configuration,
                checksumHeld: checksumHeld, sink: &self.sink)
            if isOver {
                self.table.forgetLast()
            }
            if initiates {
                // Its Initiate Tag and listed addresses find the association from other addresses.
                self.table.register(aliasesFrom: aliasesBefore, in: index)
                if let proposal = self.table.associations[index].sides[located.sender].proposals.last {
                    self.table.register(tag: proposal.tag, side: located.sender, in: index)
                }
            }
            let tagsAfter = (self.table.associations[index].sides[0].tag, self.table.associations[index].sides[1].tag)
            if tagsAfter.0 != tagsBefore.0, let tag = tagsAfter.0 {
                self.table.register(tag: tag, side: 0, in: index)
            }
            if tagsAfter.1 != tagsBefore.1, let tag = tagsAfter.1 {
                self.table.register(tag: tag, side: 1, in: index)
            }
        }
        return self.sink.drain()
    }

    /// `process(_:)`, after cache hints for packets this engine judges soon, by endpoint-pair slot
    /// (negative: none): the association record of one a few packets ahead, the sides of a closer
    /// one, and the DATA ledgers of the next but one (see `AssociationTable.prefetchAssociation(slot:)`).
    /// One call per packet for the offline checker, which is in another module.
    package mutating func process(
        _ view: PacketView, prefetchingAssociationOf associationSlot: Int, sidesOf sidesSlot: Int,
        ledgersOf ledgersSlot: Int
    ) -> [Finding] {
        self.table.prefetchAssociation(slot: associationSlot)
        self.table.prefetchSides(slot: sidesSlot)
        self.table.prefetchLedgers(slot: ledgersSlot)
        return self.process(view)
    }

    /// Counts a packet the capture did not keep whole (not judged).
    package mutating func countIncompletePacket() {
        self.packetCount += 1
        self.incompletePackets += 1
    }

    /// The run or capture is over: judges what was still owed (reports never sent, TSNs skipped).
    public mutating func finish() -> [Finding] {
        for index in self.table.associations.indices {
            AssociationLifecycle.conclude(&self.table.associations[index], sink: &self.sink)
        }
        return self.sink.drain()
    }

    /// Every association (and out-of-the-blue exchange) seen so far, in order of first packet.
    public var associations: [AssociationSummary] {
        self.table.associations.map(AssociationSummary.init)
    }

    /// Each association's two sides as the tracker knows them (`TrackedSide`), in order of first
    /// packet; side 0 sent the first packet.
    public var trackedSides: [[TrackedSide]] {
        self.table.associations.map { $0.sides.map(TrackedSide.init) }
    }

    /// The newest association between the endpoints `local` and `remote` (either may have sent first),
    /// as its two sides: `local`'s first. Nil when no packet went between them.
    /// Looks at the last packet's association first (a live run asks after every packet), then at
    /// the others, newest first, without copying any.
    public func trackedSides(local: TransportEndpoint, remote: TransportEndpoint) -> (local: TrackedSide, remote: TrackedSide)? {
        self.table.associations.withUnsafeBufferPointer { associations in
            func sides(at index: Int) -> (local: TrackedSide, remote: TrackedSide)? {
                associations[index].sides.withUnsafeBufferPointer { sides in
                    if sides[0].endpoint == local, sides[1].endpoint == remote {
                        return (TrackedSide(sides[0]), TrackedSide(sides[1]))
                    }
                    if sides[1].endpoint == local, sides[0].endpoint == remote {
                        return (TrackedSide(sides[1]), TrackedSide(sides[0]))
                    }
                    return nil
                }
            }
            if let last = self.lastLocated, last < associations.count, let found = sides(at: last) { return found }
            for index in associations.indices.reversed() where index != self.lastLocated {
                if let found = sides(at: index) { return found }
            }
            return nil
        }
    }

    /// Offline: why the capture evidently misses packets, by association ID (`CaptureLoss`), once
    /// `finish()` has run.
    package var captureLossEvidence: [Int: CaptureLossEvidence] {
        var evidence: [Int: CaptureLossEvidence] = [:]
        for association in self.table.associations {
            if let found = CaptureLoss.evidence(of: association) {
                evidence[association.id] = found
            }
        }
        return evidence
    }

    /// Findings dropped because their rule had reached the per-association limit.
    public var suppressedFindings: Int {
        self.sink.suppressed
    }
}
