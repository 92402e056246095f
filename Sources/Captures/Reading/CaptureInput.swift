#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A forward-only window over a capture file's bytes: either an array already in memory, or a
/// file descriptor read in chunks so that a file of a million packets never sits in memory whole.
///
/// `ensure(_:)` makes bytes available at the current position; the readers then look at them with
/// `uint16`/`uint32` (in the file's byte order) and consume them with `advance`/`take`.
final class CaptureInput {
    /// Valid bytes are `buffer[position..<end]`; `buffer` may be longer (room to read into).
    private var buffer: [UInt8]
    private var position: Int
    private var end: Int
    /// File offset of `buffer[0]`.
    private var bufferFileOffset: Int
    private var descriptor: Int32?
    private var reachedEnd: Bool
    private let path: String

    /// How much to read from the file at a time.
    static let chunkSize = 1 << 20

    init(bytes: [UInt8]) {
        self.buffer = bytes
        self.position = 0
        self.end = bytes.count
        self.bufferFileOffset = 0
        self.descriptor = nil
        self.reachedEnd = true
        self.path = "<memory>"
    }

    init(path: String) throws(CaptureError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CaptureError(offset: 0, context: "opening \(path)", reason: .io(Self.errorText(errno)))
        }
        self.buffer = []
        self.position = 0
        self.end = 0
        self.bufferFileOffset = 0
        self.descriptor = descriptor
        self.reachedEnd = false
        self.path = path
    }

    deinit {
        if let descriptor = self.descriptor {
            close(descriptor)
        }
    }

    /// File offset of the next unconsumed byte.
    var offset: Int { self.bufferFileOffset + self.position }

    /// Unconsumed bytes currently in memory.
    var buffered: Int { self.end - self.position }

    /// Makes up to `count` bytes available and returns how many are (fewer only at the end).
    func ensure(_ count: Int) throws(CaptureError) -> Int {
        if self.buffered >= count || self.reachedEnd {
            return min(count, self.buffered)
        }
        guard let descriptor = self.descriptor else { return min(count, self.buffered) }
        self.compact()
        let wanted = max(count, Self.chunkSize)
        if self.buffer.count < wanted {
            self.buffer += [UInt8](repeating: 0, count: wanted - self.buffer.count)
        }
        while self.end < count {
            let room = self.buffer.count - self.end
            let filled = self.end
            let got = self.buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return read(descriptor, base + filled, room)
            }
            if got < 0 {
                let code = errno
                if code == EINTR { continue }
                throw CaptureError(
                    offset: self.offset + filled, context: "reading \(self.path)", reason: .io(Self.errorText(code)))
            }
            if got == 0 {
                self.reachedEnd = true
                break
            }
            self.end += got
        }
        return min(count, self.buffered)
    }

    /// Moves the unconsumed bytes to the front of the buffer.
    private func compact() {
        guard self.position > 0 else { return }
        let (start, length) = (self.position, self.buffered)
        self.buffer.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress, length > 0 else { return }
            memmove(base, base + start, length)
        }
        self.bufferFileOffset += start
        self.position = 0
        self.end = length
    }

    /// Whether every byte has been consumed.
    func isAtEnd() throws(CaptureError) -> Bool {
        try self.ensure(1) == 0
    }

    /// The byte `at` positions past the current one (must have been ensured).
    @inline(__always)
    func byte(_ at: Int) -> UInt8 {
        self.buffer[self.position + at]
    }

    /// A 16-bit integer `at` bytes past the current position, in the given byte order.
    @inline(__always)
    func uint16(_ at: Int, _ order: CaptureByteOrder) -> UInt16 {
        let a = UInt16(self.buffer[self.position + at])
        let b = UInt16(self.buffer[self.position + at + 1])
        return order == .bigEndian ? a << 8 | b : b << 8 | a
    }

    /// A 32-bit integer `at` bytes past the current position, in the given byte order.
    @inline(__always)
    func uint32(_ at: Int, _ order: CaptureByteOrder) -> UInt32 {
        let i = self.position + at
        let a = UInt32(self.buffer[i])
        let b = UInt32(self.buffer[i + 1])
        let c = UInt32(self.buffer[i + 2])
        let d = UInt32(self.buffer[i + 3])
        return order == .bigEndian ? a << 24 | b << 16 | c << 8 | d : d << 24 | c << 16 | b << 8 | a
    }

    /// A copy of `count` bytes starting `at` bytes past the current position.
    func copy(_ at: Int, _ count: Int) -> [UInt8] {
        let start = self.position + at
        return Array(self.buffer[start..<(start + count)])
    }

    /// Consumes `count` ensured bytes.
    func advance(_ count: Int) {
        self.position += count
    }

    static func errorText(_ code: Int32) -> String {
        if let text = strerror(code) {
            return String(cString: text)
        }
        return "errno \(code)"
    }
}
