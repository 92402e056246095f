/// Numbers every distinct pair of endpoints 0, 1, 2, … in order of first sight, so that the
/// association table can find a pair's current association in a dense array instead of hashing
/// the pair. The capture pipeline numbers pairs on its decoding thread; a live engine numbers
/// its own. An engine sees the numbers of one numbering only.
struct EndpointPairSlots: Sendable {
    private var slots: [EndpointPair: Int] = [:]

    /// The number of `pair`, a new one the first time it is asked for.
    mutating func slot(for pair: EndpointPair) -> Int {
        if let slot = self.slots[pair] { return slot }
        let slot = self.slots.count
        self.slots[pair] = slot
        return slot
    }
}
