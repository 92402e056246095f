import CMemoryHints

/// Cache prefetch hints (no effect on behaviour).
enum MemoryHints {
    /// Asks for the cache lines of `bytes` bytes from `address` (0: nothing).
    @inline(__always)
    static func prefetch(_ address: UInt, bytes: Int) {
        guard let start = UnsafeRawPointer(bitPattern: address) else { return }
        for offset in stride(from: 0, to: bytes, by: 64) {
            sctpconform_prefetch(start + offset)
        }
    }
}
