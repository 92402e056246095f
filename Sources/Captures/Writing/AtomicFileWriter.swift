#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file so that it appears whole or not at all: the bytes go to a temporary file in
/// the same directory (`mkstemp`), which `commit()` flushes, syncs and renames over the target.
/// A writer dropped without `commit()` removes its temporary file.
public final class AtomicFileWriter {
    /// The file that `commit()` creates or replaces.
    public let path: String
    /// The temporary file being written.
    public let temporaryPath: String
    private var descriptor: Int32
    private var pending: [UInt8] = []
    private var written = 0
    private var isClosed = false

    /// Flush to the temporary file once this much is buffered.
    static let flushThreshold = 1 << 20

    /// Creates the temporary file next to `path`.
    public init(path: String) throws(CaptureError) {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array((directory + "." + name + ".tmp-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else {
            throw CaptureError(
                offset: 0, context: "creating a temporary file for \(path)", reason: .io(CaptureInput.errorText(errno)))
        }
        self.descriptor = descriptor
        self.temporaryPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit {
        if !self.isClosed {
            close(self.descriptor)
            unlink(self.temporaryPath)
        }
    }

    /// Bytes handed to `write` so far.
    public var count: Int { self.written + self.pending.count }

    /// Appends bytes (buffered).
    public func write(_ bytes: [UInt8]) throws(CaptureError) {
        try self.checkOpen()
        self.pending.append(contentsOf: bytes)
        if self.pending.count >= Self.flushThreshold {
            try self.flush()
        }
    }

    /// Appends bytes through a closure that writes straight into the buffer.
    public func write(_ build: (inout [UInt8]) -> Void) throws(CaptureError) {
        try self.checkOpen()
        build(&self.pending)
        if self.pending.count >= Self.flushThreshold {
            try self.flush()
        }
    }

    /// Writes everything out, syncs, and renames the temporary file to `path`.
    public func commit() throws(CaptureError) {
        try self.checkOpen()
        do throws(CaptureError) {
            try self.flush()
            if fchmod(self.descriptor, 0o644) != 0 || fsync(self.descriptor) != 0 {
                throw CaptureError(
                    offset: self.written, context: "writing \(self.path)", reason: .io(CaptureInput.errorText(errno)))
            }
        } catch {
            self.abandon()
            throw error
        }
        close(self.descriptor)
        self.isClosed = true
        if rename(self.temporaryPath, self.path) != 0 {
            let text = CaptureInput.errorText(errno)
            unlink(self.temporaryPath)
            throw CaptureError(offset: self.written, context: "renaming to \(self.path)", reason: .io(text))
        }
    }

    /// Closes and removes the temporary file; the target is left as it was.
    public func abandon() {
        guard !self.isClosed else { return }
        close(self.descriptor)
        unlink(self.temporaryPath)
        self.isClosed = true
    }

    private func checkOpen() throws(CaptureError) {
        if self.isClosed {
            throw CaptureError(
                offset: self.count, context: "writing \(self.path)", reason: .io("the file is already closed"))
        }
    }

    private func flush() throws(CaptureError) {
        var start = 0
        while start < self.pending.count {
            let descriptor = self.descriptor
            let result = self.pending.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return writeToDescriptor(descriptor, base + start, raw.count - start)
            }
            if result < 0 {
                let code = errno
                if code == EINTR { continue }
                throw CaptureError(
                    offset: self.written + start, context: "writing \(self.path)",
                    reason: .io(CaptureInput.errorText(code)))
            }
            start += result
        }
        self.written += self.pending.count
        self.pending.removeAll(keepingCapacity: true)
    }
}

/// The C `write`, out of reach of the methods named `write` above.
private func writeToDescriptor(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
