/// One-line packet summaries in the style of `tcpdump -n` (its SCTP printer at the default
/// verbosity), e.g. `sctp (1) [INIT] [init tag: 1008070933] [rwnd: 106496] [OS: 10] [MIS: 65535]
/// [init TSN: 2431437204]`, or for bundled chunks `sctp (1) [COOKIE ECHO] , (2) [DATA] (B)(E) ...`.
///
/// It works on raw bytes, so malformed packets print the way tcpdump prints them (`[Bad chunk length
/// 2, < size of chunk descriptor]`, ` (invalid)`). The trailing space tcpdump leaves is dropped.
/// A chunk or padding running past the data prints tcpdump's truncation mark ` [|sctp]`. The one
/// difference from tcpdump: AUTH, NR-SACK and PAD are named instead of `Unknown chunk type: 0x..`.
///
/// The text is written as UTF-8 bytes straight into a `UTF8TextBuffer` (`append(_:to:)`), so that
/// `sctpconform decode` prints a line without building a `String` for it.
public enum TcpdumpSummary {
    /// The summary of an SCTP packet's bytes, from `sctp` on.
    public static func line(for bytes: [UInt8]) -> String {
        var output = UTF8TextBuffer()
        bytes.withUnsafeBytes { Self.append($0, to: &output) }
        return output.string
    }

    /// Appends the summary of the SCTP packet in `packet` (from `sctp` on, without the trailing
    /// space) to `output`.
    public static func append(_ packet: UnsafeRawBufferPointer, to output: inout UTF8TextBuffer) {
        let start = output.count
        var printer = Printer(bytes: packet)
        // The printer takes the buffer over while it prints (moved, not copied), then hands it back.
        swap(&printer.output, &output)
        printer.printPacket()
        swap(&printer.output, &output)
        output.removeTrailing(UInt8(ascii: " "), downTo: start)
    }

    /// The summary of a typed packet (as it would be encoded).
    public static func line(for packet: SCTPPacket) -> String {
        Self.line(for: packet.encodedKeepingChecksum)
    }

    /// The summary with tcpdump's address prefix: `10.0.0.1.5000 > 10.0.0.2.7: sctp (1) ...`;
    /// addresses are given as text (the IP layer is not part of SCTP).
    public static func line(for bytes: [UInt8], sourceAddress: String, destinationAddress: String) -> String {
        let raw = RawPacket(bytes)
        let source = raw.sourcePort.map { "\(sourceAddress).\($0)" } ?? sourceAddress
        let destination = raw.destinationPort.map { "\(destinationAddress).\($0)" } ?? destinationAddress
        return "\(source) > \(destination): " + Self.line(for: bytes)
    }

    /// Thrown inside the printer when tcpdump would stop with ` (invalid)`.
    struct Invalid: Error {}

    struct Printer {
        /// The SCTP packet's bytes.
        let raw: UnsafeRawBufferPointer
        var output = UTF8TextBuffer(capacity: 0)

        init(bytes: UnsafeRawBufferPointer) {
            self.raw = bytes
        }

        mutating func printPacket() {
            self.output.append("sctp")
            do {
                try self.printChunks()
            } catch {
                self.output.append(" (invalid)")
            }
        }

        /// tcpdump's `ND_ICHECKMSG`: prints the failed check and stops.
        mutating func check(
            _ what: StaticString, _ value: Int, _ op: StaticString, _ limit: Int, fails: Bool
        ) throws(Invalid) {
            if fails {
                self.output.append(" (")
                self.output.append(what)
                self.output.append(ascii: UInt8(ascii: " "))
                self.output.append(decimal: value)
                self.output.append(ascii: UInt8(ascii: " "))
                self.output.append(op)
                self.output.append(ascii: UInt8(ascii: " "))
                self.output.append(decimal: limit)
                self.output.append(ascii: UInt8(ascii: ")"))
                throw Invalid()
            }
        }

        mutating func printChunks() throws(Invalid) {
            let count = self.raw.count
            try self.check("length", count, "<", CommonHeader.length, fails: count < CommonHeader.length)
            for port in [self.u16(0), self.u16(2)] {
                if let channel = TcpdumpLabels.forcesChannel(port) {
                    self.output.append("[")
                    self.output.append(channel)
                    self.output.append("]")
                }
            }
            var offset = CommonHeader.length
            var number = 1
            var separator: StaticString = " ("
            while offset < count {
                let remaining = count - offset
                if remaining < 4 {
                    self.output.append(separator)
                    self.output.append(decimal: number)
                    self.output.append(") [chunk descriptor cut off at end of packet]")
                    return
                }
                let length = Int(self.u16(offset + 2))
                if length < 4 {
                    self.output.append(separator)
                    self.output.append(decimal: number)
                    self.output.append(") [Bad chunk length ")
                    self.output.append(decimal: length)
                    self.output.append(", < size of chunk descriptor]")
                    return
                }
                if length > remaining {
                    // tcpdump's ND_TCHECK_LEN on the chunk: the data ends before the chunk does.
                    self.output.append(" [|sctp]")
                    return
                }
                let type = self.raw[offset]
                self.output.append(separator)
                self.output.append(decimal: number)
                self.output.append(") [")
                self.output.append(TcpdumpLabels.chunkLabel(type))
                self.output.append("] ")
                try self.printValue(type: type, flags: self.raw[offset + 1], at: offset + 4, length: length - 4)
                let padded = length + ChunkFraming.paddingLength(after: length)
                if padded > remaining {
                    // tcpdump's ND_TCHECK_LEN on the padding.
                    self.output.append(" [|sctp]")
                    return
                }
                separator = ", ("
                number += 1
                offset += padded
            }
        }

        mutating func printValue(type: UInt8, flags: UInt8, at start: Int, length: Int) throws(Invalid) {
            switch type {
            case 0: try self.printData(flags: flags, at: start, length: length)
            case 64: try self.printIData(flags: flags, at: start, length: length)
            case 194:
                try self.check("chunk length", length, "<", 4, fails: length < 4)
                self.output.append("[TSN: ")
                self.decimal(self.u32(start))
                self.output.append("] ")
            case 1, 2:
                try self.check("chunk length", length, "<", 16, fails: length < 16)
                self.output.append("[init tag: ")
                self.decimal(self.u32(start))
                self.output.append("] [rwnd: ")
                self.decimal(self.u32(start + 4))
                self.output.append("] [OS: ")
                self.decimal(self.u16(start + 8))
                self.output.append("] [MIS: ")
                self.decimal(self.u16(start + 10))
                self.output.append("] [init TSN: ")
                self.decimal(self.u32(start + 12))
                self.output.append("] ")
            case 3: try self.printSACK(at: start, length: length)
            case 130: try self.printReConfig(at: start, length: length)
            case 193: try self.printASCONF(at: start, length: length)
            case 128: try self.printASCONFAck(at: start, length: length)
            default: break
            }
        }

        mutating func printDataFlags(_ flags: UInt8, immediate: Bool) {
            let data = DataChunkFlags(rawValue: flags)
            var any = false
            if immediate, data.contains(.immediate) {
                self.output.append("(I)")
                any = true
            }
            if data.contains(.unordered) {
                self.output.append("(U)")
                any = true
            }
            if data.contains(.beginning) {
                self.output.append("(B)")
                any = true
            }
            if data.contains(.ending) {
                self.output.append("(E)")
                any = true
            }
            if any {
                self.output.append(" ")
            }
        }

        mutating func printData(flags: UInt8, at start: Int, length: Int) throws(Invalid) {
            self.printDataFlags(flags, immediate: false)
            try self.check("chunk length", length, "<", 12, fails: length < 12)
            self.output.append("[TSN: ")
            self.decimal(self.u32(start))
            self.output.append("] [SID: ")
            self.decimal(self.u16(start + 4))
            self.output.append("] [SSEQ ")
            self.decimal(self.u16(start + 6))
            self.output.append("] [PPID ")
            self.ppid(self.u32(start + 8))
            self.output.append("] ")
            try self.check("chunk length", length - 12, "==", 0, fails: length == 12)
        }

        mutating func printIData(flags: UInt8, at start: Int, length: Int) throws(Invalid) {
            self.printDataFlags(flags, immediate: true)
            try self.check("chunk length", length, "<", 16, fails: length < 16)
            self.output.append("[TSN: ")
            self.decimal(self.u32(start))
            self.output.append("] [SID: ")
            self.decimal(self.u16(start + 4))
            self.output.append("] [MID: ")
            self.decimal(self.u32(start + 8))
            self.output.append("] ")
            let word = self.u32(start + 12)
            if DataChunkFlags(rawValue: flags).contains(.beginning) {
                self.output.append("[PPID ")
                self.ppid(word)
            } else {
                self.output.append("[FSN: ")
                self.decimal(word)
            }
            self.output.append("] ")
            try self.check("chunk length", length - 16, "==", 0, fails: length == 16)
        }

        mutating func printSACK(at start: Int, length: Int) throws(Invalid) {
            try self.check("chunk length", length, "<", 12, fails: length < 12)
            let cumulative = self.u32(start)
            let gaps = Int(self.u16(start + 8))
            let duplicates = Int(self.u16(start + 10))
            self.output.append("[cum ack ")
            self.decimal(cumulative)
            self.output.append("] [a_rwnd ")
            self.decimal(self.u32(start + 4))
            self.output.append("] [#gap acks ")
            self.output.append(decimal: gaps)
            self.output.append("] [#dup tsns ")
            self.output.append(decimal: duplicates)
            self.output.append("] ")
            var remaining = length - 12
            var offset = start + 12
            var number = 0
            while remaining != 0 && number < gaps {
                try self.check("chunk length", remaining, "<", 4, fails: remaining < 4)
                let blockStart = cumulative &+ UInt32(self.u16(offset))
                let blockEnd = cumulative &+ UInt32(self.u16(offset + 2))
                self.output.append("\n\t\t[gap ack block #")
                self.output.append(decimal: number + 1)
                self.output.append(": start = ")
                self.decimal(blockStart)
                self.output.append(", end = ")
                self.decimal(blockEnd)
                self.output.append("] ")
                offset += 4
                remaining -= 4
                number += 1
            }
            number = 0
            while remaining != 0 && number < duplicates {
                try self.check("chunk length", remaining, "<", 4, fails: remaining < 4)
                self.output.append("\n\t\t[dup TSN #")
                self.output.append(decimal: number + 1)
                self.output.append(": ")
                self.decimal(self.u32(offset))
                self.output.append("] ")
                offset += 4
                remaining -= 4
                number += 1
            }
        }

        mutating func printReConfig(at start: Int, length: Int) throws(Invalid) {
            var remaining = length
            var offset = start
            while remaining >= 4 {
                let type = self.u16(offset)
                var parameterLength = Int(self.u16(offset + 2))
                let padding = ChunkFraming.paddingLength(after: parameterLength)
                try self.check("parameter length", parameterLength, "<", 4, fails: parameterLength < 4)
                self.output.append("[")
                self.output.append(TcpdumpLabels.reConfigParameter(type))
                parameterLength -= 4
                remaining -= 4
                offset += 4
                try self.check("chunk length", remaining, "<", parameterLength, fails: remaining < parameterLength)
                self.output.append("]")
                offset += parameterLength
                remaining -= parameterLength
                if remaining > 4 {
                    offset += padding
                    remaining -= padding
                }
            }
        }

        mutating func printASCONF(at start: Int, length: Int) throws(Invalid) {
            var needed = 4 + 8
            try self.check("chunk length", length, "<", needed, fails: length < needed)
            self.output.append("[SEQ: ")
            self.decimal(self.u32(start))
            self.output.append(", ")
            let addressType = self.u16(start + 4)
            if addressType == 5 {
                let address = IPv4AddressValue(rawValue: self.u32(start + 8))
                self.output.append("ADDR: ")
                self.output.append(address.description)
                self.output.append("] ")
            } else if addressType == 6 {
                needed = 4 + 20
                try self.check("chunk length", length, "<", needed, fails: length < needed)
                let bytes = (0..<16).map { self.u8(start + 8 + $0) }
                self.output.append("ADDR: ")
                self.output.append(IPv6AddressValue(bytes: bytes).map { "\($0)" } ?? "?")
                self.output.append("] ")
            } else {
                needed = 4 + Int(self.u16(start + 6))
                try self.check("chunk length", length, "<", needed, fails: length < needed)
                self.output.append("ADDR: bogus address type]")
            }
            var remaining = length - needed
            var offset = start + needed
            while remaining != 0 {
                try self.check("chunk length", remaining, "<", 4, fails: remaining < 4)
                let parameterLength = Int(self.u16(offset + 2))
                try self.check("parameter length", parameterLength, "<", 2, fails: parameterLength < 2)
                try self.check("chunk length", remaining, "<", parameterLength, fails: remaining < parameterLength)
                self.output.append("[")
                self.output.append(TcpdumpLabels.asconfParameter(self.u16(offset)))
                self.output.append("]")
                offset += parameterLength
                remaining -= parameterLength
            }
        }

        mutating func printASCONFAck(at start: Int, length: Int) throws(Invalid) {
            try self.check("chunk length", length, "<", 4, fails: length < 4)
            self.output.append("[SEQ: ")
            self.decimal(self.u32(start))
            self.output.append("] ")
            var remaining = length - 4
            var offset = start + 4
            while remaining != 0 {
                try self.check("chunk length", remaining, "<", 8, fails: remaining < 8)
                let parameterLength = Int(self.u16(offset + 2))
                try self.check("parameter length", parameterLength, "<", 8, fails: parameterLength < 8)
                try self.check("chunk length", remaining, "<", parameterLength, fails: remaining < parameterLength)
                self.output.append("[")
                self.output.append(TcpdumpLabels.asconfParameter(self.u16(offset)))
                self.output.append("] ")
                offset += parameterLength
                remaining -= parameterLength
            }
        }

        /// A payload protocol identifier by tcpdump's name, or `0x..`.
        mutating func ppid(_ value: UInt32) {
            if let name = TcpdumpLabels.ppidName(value) {
                self.output.append(name)
            } else {
                self.output.append("0x")
                self.output.append(hex: UInt64(value))
            }
        }

        mutating func decimal(_ value: some FixedWidthInteger & UnsignedInteger) {
            self.output.append(decimal: UInt64(value))
        }

        /// The byte at `offset`, 0 past the end (as the raw view reads).
        func u8(_ offset: Int) -> UInt8 {
            offset >= 0 && offset < self.raw.count ? self.raw[offset] : 0
        }

        /// The big-endian 16-bit value at `offset`, 0 if not all there.
        func u16(_ offset: Int) -> UInt16 {
            guard offset >= 0, offset <= self.raw.count - 2 else { return 0 }
            return UInt16(self.raw[offset]) << 8 | UInt16(self.raw[offset + 1])
        }

        /// The big-endian 32-bit value at `offset`, 0 if not all there.
        func u32(_ offset: Int) -> UInt32 {
            guard offset >= 0, offset <= self.raw.count - 4 else { return 0 }
            return UInt32(self.raw[offset]) << 24 | UInt32(self.raw[offset + 1]) << 16
                | UInt32(self.raw[offset + 2]) << 8 | UInt32(self.raw[offset + 3])
        }
    }
}
