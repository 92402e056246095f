/// Numbers every distinct pair of endpoints 0, 1, 2, … in order of first sight, so that the
/// association table can find a pair's current association in a dense array instead of hashing
/// the pair. The capture pipeline numbers pairs on its decoding thread; a live engine numbers
/// its own. An engine sees the numbers of one numbering only.
///
/// An open-addressing table probed linearly from the pair's fingerprint (`EndpointPair`
/// computes it once per packet), kept at most half full.
package struct EndpointPairSlots: Sendable {
    /// Slot + 1 of the pair in each bucket, 0 for an empty bucket.
    private var buckets: [Int32] = Array(repeating: 0, count: 1 << 10)
    /// The pairs, by slot.
    private var pairs: [EndpointPair] = []

    package init() {}

    /// The number of `pair`, a new one the first time it is asked for.
    mutating func slot(for pair: EndpointPair) -> Int {
        let mask = self.buckets.count - 1
        var bucket = Int(truncatingIfNeeded: pair.fingerprint) & mask
        while true {
            let entry = Int(self.buckets[bucket])
            if entry == 0 { break }
            if self.pairs[entry - 1] == pair { return entry - 1 }
            bucket = (bucket + 1) & mask
        }
        let slot = self.pairs.count
        self.pairs.append(pair)
        self.buckets[bucket] = Int32(slot + 1)
        if self.pairs.count * 2 > self.buckets.count {
            self.grow()
        }
        return slot
    }

    private mutating func grow() {
        var buckets = [Int32](repeating: 0, count: self.buckets.count * 2)
        let mask = buckets.count - 1
        for (slot, pair) in self.pairs.enumerated() {
            var bucket = Int(truncatingIfNeeded: pair.fingerprint) & mask
            while buckets[bucket] != 0 {
                bucket = (bucket + 1) & mask
            }
            buckets[bucket] = Int32(slot + 1)
        }
        self.buckets = buckets
    }
}
