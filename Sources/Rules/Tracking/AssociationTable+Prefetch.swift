import CMemoryHints

/// Cache hints for the packets a shard is about to judge (`CaptureChecker`, in `CaptureCheck`, calls
/// these a few packets ahead). With thousands of associations interleaved, each packet's association is
/// usually out of cache; asking for it early overlaps the loads with the work on earlier packets.
/// Hints only: nothing here changes any state.
extension AssociationTable {
    /// The association record of the packet with endpoint-pair slot `slot`.
    @inline(__always)
    func prefetchAssociation(slot: Int) {
        guard slot >= 0, let index = self.currentIndex(slot: slot) else { return }
        self.associations.withUnsafeBufferPointer { buffer in
            let start = UnsafeRawPointer(buffer.baseAddress! + index)
            for offset in stride(from: 0, to: MemoryLayout<AssociationState>.stride, by: 64) {
                sctpconform_prefetch(start + offset)
            }
        }
    }

    /// The first cache lines of both sides of that association (their per-packet fields); the
    /// association record itself should already be in cache.
    @inline(__always)
    func prefetchSides(slot: Int) {
        guard slot >= 0, let index = self.currentIndex(slot: slot) else { return }
        self.associations.withUnsafeBufferPointer { buffer in
            buffer[index].sides.withUnsafeBufferPointer { sides in
                guard let base = sides.baseAddress, sides.count == 2 else { return }
                for side in 0..<2 {
                    let start = UnsafeRawPointer(base + side)
                    for offset in stride(from: 0, to: 384, by: 64) {
                        sctpconform_prefetch(start + offset)
                    }
                }
            }
        }
    }

    /// Where both sides keep their newest DATA digests (the next DATA writes there); the sides
    /// should already be in cache.
    @inline(__always)
    func prefetchLedgers(slot: Int) {
        guard slot >= 0, let index = self.currentIndex(slot: slot) else { return }
        self.associations.withUnsafeBufferPointer { buffer in
            buffer[index].sides.withUnsafeBufferPointer { sides in
                for side in sides.indices {
                    guard let start = UnsafeRawPointer(bitPattern: sides[side].send.windowAddress) else { continue }
                    for offset in stride(from: 0, to: 128, by: 64) {
                        sctpconform_prefetch(start + offset)
                    }
                }
            }
        }
    }
}
