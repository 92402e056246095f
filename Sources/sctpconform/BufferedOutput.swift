import SCTPWire

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes text to stdout through one buffer of UTF-8 bytes, so that a million lines cost a few
/// hundred writes and no `String` each: lines are formatted straight into `text` (`appendLine`).
final class BufferedOutput {
    /// The text not yet written.
    private var text = UTF8TextBuffer(capacity: BufferedOutput.flushThreshold + 4_096)

    /// Write once this much is buffered.
    static let flushThreshold = 1 << 16

    /// Appends `line` and a newline.
    func write(_ line: String) {
        self.text.append(line)
        self.text.append(ascii: UInt8(ascii: "\n"))
        self.flushIfFull()
    }

    /// Appends what `format` writes into the buffer (a whole line, newline included).
    @inline(__always)
    func appendLine(_ format: (inout UTF8TextBuffer) -> Void) {
        format(&self.text)
        self.flushIfFull()
    }

    func flush() {
        Self.writeAll(self.text.bytes, to: STDOUT_FILENO)
        self.text.removeAll()
    }

    private func flushIfFull() {
        if self.text.count >= Self.flushThreshold {
            self.flush()
        }
    }

    /// Writes all of `text` to a file descriptor (stdout or stderr), retrying short writes; gives
    /// up silently if the reader has gone (a closed pipe).
    static func writeAll(_ text: String, to descriptor: Int32) {
        Self.writeAll(Array(text.utf8), to: descriptor)
    }

    /// Writes all of `bytes` to a file descriptor, as above.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = writeToDescriptor(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}

/// The C `write`, out of reach of `BufferedOutput.write`.
private func writeToDescriptor(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
