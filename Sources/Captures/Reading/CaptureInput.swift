#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open file descriptor, closed when the last copy of the input that reads it goes away.
final class OpenFile {
    let descriptor: Int32
    let path: String

    /// Opens a regular file for reading. Anything else is refused before a byte is read: a FIFO would
    /// block until something writes to it (opening it without blocking is how this is found out), a
    /// folder or device is not a capture.
    init(path: String) throws(CaptureError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let code = errno
            let reason: CaptureError.Reason =
                switch code {
                case ENOENT: .noSuchFile
                case ELOOP: .cannotOpen("a loop of symbolic links (following them never reaches a file)")
                default: .cannotOpen(CaptureInput.errorText(code))
                }
            throw CaptureError(offset: 0, context: path, reason: reason)
        }
        var status = stat()
        let kind: String? =
            if fstat(descriptor, &status) != 0 {
                CaptureInput.errorText(errno)
            } else {
                switch status.st_mode & S_IFMT {
                case S_IFREG: nil
                case S_IFIFO: "a FIFO (named pipe), not a capture file; reading it would wait for a writer"
                case S_IFDIR: "a folder, not a capture file"
                case S_IFSOCK: "a socket, not a capture file"
                default: "a device, not a capture file"
                }
            }
        if let kind {
            close(descriptor)
            throw CaptureError(offset: 0, context: path, reason: .cannotOpen(kind))
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        close(self.descriptor)
    }
}

/// A forward-only window over a capture file's bytes: either an array already in memory, or a
/// file read in chunks so that a file of a million packets never sits in memory whole.
///
/// `ensure(_:)` makes bytes available at the current position; the readers look at them through
/// `withWindow` (one buffer access for any number of fields) and consume them with `advance`.
/// A value type, so that a reader working on a local copy pays no dynamic exclusivity checks.
struct CaptureInput {
    /// Valid bytes are `buffer[position..<end]`; `buffer` may be longer (room to read into).
    private var buffer: [UInt8]
    private var position: Int
    private var end: Int
    /// File offset of `buffer[0]`.
    private var bufferFileOffset: Int
    private let file: OpenFile?
    private var reachedEnd: Bool

    /// How much to read from the file at a time (small enough that the records read next are
    /// still in the core's cache: 128 KiB measured faster than 1 MiB).
    static let chunkSize = 1 << 17

    init(bytes: [UInt8]) {
        self.buffer = bytes
        self.position = 0
        self.end = bytes.count
        self.bufferFileOffset = 0
        self.file = nil
        self.reachedEnd = true
    }

    init(path: String) throws(CaptureError) {
        self.file = try OpenFile(path: path)
        self.buffer = []
        self.position = 0
        self.end = 0
        self.bufferFileOffset = 0
        self.reachedEnd = false
    }

    /// File offset of the next unconsumed byte.
    var offset: Int { self.bufferFileOffset + self.position }

    /// Unconsumed bytes currently in memory.
    var buffered: Int { self.end - self.position }

    /// Makes up to `count` bytes available and returns how many are (fewer only at the end).
    @inline(__always)
    mutating func ensure(_ count: Int) throws(CaptureError) -> Int {
        if self.buffered >= count || self.reachedEnd {
            return min(count, self.buffered)
        }
        return try self.refill(count)
    }

    /// `ensure` when the buffer holds fewer than `count` bytes: reads more from the file.
    @inline(never)
    private mutating func refill(_ count: Int) throws(CaptureError) -> Int {
        guard let file = self.file else { return min(count, self.buffered) }
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
                return read(file.descriptor, base + filled, room)
            }
            if got < 0 {
                let code = errno
                if code == EINTR { continue }
                throw CaptureError(
                    offset: self.offset + filled, context: "reading \(file.path)", reason: .io(Self.errorText(code)))
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
    private mutating func compact() {
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

    /// Calls `body` with a view of the next `count` bytes (which must have been ensured; the view
    /// is cut to what is there).
    @inline(__always)
    func withWindow<Result>(_ count: Int, _ body: (CaptureWindow) -> Result) -> Result {
        let start = self.position
        let end = min(start + max(count, 0), self.end)
        return self.buffer.withUnsafeBytes { raw in
            body(CaptureWindow(bytes: UnsafeRawBufferPointer(rebasing: raw[start..<end])))
        }
    }

    /// Consumes `count` ensured bytes.
    mutating func advance(_ count: Int) {
        self.position = min(self.position + count, self.end)
    }

    static func errorText(_ code: Int32) -> String {
        if let text = strerror(code) {
            return String(cString: text)
        }
        return "errno \(code)"
    }
}

/// Bounds-checked reads in a file's byte order over a window of ensured bytes.
struct CaptureWindow {
    let bytes: UnsafeRawBufferPointer

    // The readers only read inside windows they validated; a read outside is a programming
    // error, caught by an assertion in debug builds and answered with zeros (never memory outside
    // the window) in release builds.

    /// Whether `count` bytes at `at` lie inside the window.
    @inline(__always)
    func contains(_ at: Int, _ count: Int) -> Bool {
        at >= 0 && count >= 0 && at <= self.bytes.count - count
    }

    /// The byte at `at`.
    @inline(__always)
    func byte(_ at: Int) -> UInt8 {
        guard self.contains(at, 1) else {
            assertionFailure("read past the capture window")
            return 0
        }
        return self.bytes[at]
    }

    /// A 16-bit integer at `at`, in the given byte order.
    @inline(__always)
    func uint16(_ at: Int, _ order: CaptureByteOrder) -> UInt16 {
        guard self.contains(at, 2) else {
            assertionFailure("read past the capture window")
            return 0
        }
        let little = UInt16(littleEndian: self.bytes.loadUnaligned(fromByteOffset: at, as: UInt16.self))
        return order == .littleEndian ? little : little.byteSwapped
    }

    /// A 32-bit integer at `at`, in the given byte order.
    @inline(__always)
    func uint32(_ at: Int, _ order: CaptureByteOrder) -> UInt32 {
        guard self.contains(at, 4) else {
            assertionFailure("read past the capture window")
            return 0
        }
        let little = UInt32(littleEndian: self.bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self))
        return order == .littleEndian ? little : little.byteSwapped
    }

    /// The `count` bytes at `at`, borrowed from the window.
    @inline(__always)
    func slice(_ at: Int, _ count: Int) -> UnsafeRawBufferPointer {
        guard self.contains(at, count) else {
            assertionFailure("slice past the capture window")
            return UnsafeRawBufferPointer(rebasing: self.bytes[0..<0])
        }
        return UnsafeRawBufferPointer(rebasing: self.bytes[at..<(at + count)])
    }

    /// A copy of `count` bytes at `at`.
    func copy(_ at: Int, _ count: Int) -> [UInt8] {
        Array(self.slice(at, count))
    }
}
