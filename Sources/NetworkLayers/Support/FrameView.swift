/// Bounds checks and big-endian reads over a frame held in borrowed memory: what the SCTP
/// extractor reads through, so that a frame in a capture reader's buffer is never copied.
///
/// Offsets are absolute positions in the frame. Every header reader calls `require` before it
/// reads; the reads below check again and answer zeros outside the frame (a programming error,
/// caught by an assertion in debug builds), so no read ever leaves the borrowed memory.
struct FrameView {
    let bytes: UnsafeRawBufferPointer

    @inline(__always)
    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    @inline(__always)
    var count: Int { self.bytes.count }

    /// Throws a located `truncated` error unless `count` bytes are available at `offset`
    /// (the same error as `FrameBytes.require` over an array).
    @inline(__always)
    func require(_ offset: Int, _ count: Int, _ layer: NetworkLayerError.Layer) throws(NetworkLayerError) {
        let available = max(0, self.bytes.count - offset)
        if offset < 0 || count > available {
            throw NetworkLayerError(
                offset: offset, layer: layer, reason: .truncated(needed: count, available: available))
        }
    }

    @inline(__always)
    private func contains(_ offset: Int, _ count: Int) -> Bool {
        offset >= 0 && offset <= self.bytes.count - count
    }

    @inline(__always)
    func byte(_ offset: Int) -> UInt8 {
        guard self.contains(offset, 1) else {
            assertionFailure("read past the frame")
            return 0
        }
        return self.bytes.load(fromByteOffset: offset, as: UInt8.self)
    }

    @inline(__always)
    func uint16(_ offset: Int) -> UInt16 {
        guard self.contains(offset, 2) else {
            assertionFailure("read past the frame")
            return 0
        }
        return UInt16(bigEndian: self.bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    @inline(__always)
    func uint32(_ offset: Int) -> UInt32 {
        guard self.contains(offset, 4) else {
            assertionFailure("read past the frame")
            return 0
        }
        return UInt32(bigEndian: self.bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inline(__always)
    func uint64(_ offset: Int) -> UInt64 {
        guard self.contains(offset, 8) else {
            assertionFailure("read past the frame")
            return 0
        }
        return UInt64(bigEndian: self.bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The bytes at `range`, cut to the frame.
    @inline(__always)
    func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        let lower = min(max(range.lowerBound, 0), self.bytes.count)
        let upper = min(max(range.upperBound, lower), self.bytes.count)
        return UnsafeRawBufferPointer(rebasing: self.bytes[lower..<upper])
    }
}

extension FrameView {
    /// Calls `body` with a view of `bytes`' storage, keeping the typed error (the standard
    /// library's `withUnsafeBytes` only rethrows `any Error`).
    @inline(__always)
    static func over<Result>(
        _ bytes: [UInt8], _ body: (FrameView) throws(NetworkLayerError) -> Result
    ) throws(NetworkLayerError) -> Result {
        let outcome = bytes.withUnsafeBytes { raw -> Swift.Result<Result, NetworkLayerError> in
            do throws(NetworkLayerError) {
                return .success(try body(FrameView(raw)))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }
}
