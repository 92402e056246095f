/// One-line packet summaries in the style of `tcpdump -n` (its SCTP printer at the default
/// verbosity), e.g. `sctp (1) [INIT] [init tag: 1008070933] [rwnd: 106496] [OS: 10] [MIS: 65535]
/// [init TSN: 2431437204]`, or for bundled chunks `sctp (1) [COOKIE ECHO] , (2) [DATA] (B)(E) ...`.
///
/// It works on raw bytes, so malformed packets print the way tcpdump prints them (`[Bad chunk length
/// 2, < size of chunk descriptor]`, ` (invalid)`). The trailing space tcpdump leaves is dropped.
/// A chunk or padding running past the data prints tcpdump's truncation mark ` [|sctp]`. The one
/// difference from tcpdump: AUTH, NR-SACK and PAD are named instead of `Unknown chunk type: 0x..`.
public enum TcpdumpSummary {
    /// The summary of an SCTP packet's bytes, from `sctp` on.
    public static func line(for bytes: [UInt8]) -> String {
        var printer = Printer(bytes: bytes)
        printer.printPacket()
        var text = printer.output
        while text.last == " " {
            text.removeLast()
        }
        return text
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
        let raw: RawPacket
        var output = "sctp"

        init(bytes: [UInt8]) {
            self.raw = RawPacket(bytes)
        }

        mutating func printPacket() {
            do {
                try self.printChunks()
            } catch {
                self.output += " (invalid)"
            }
        }

        /// tcpdump's `ND_ICHECKMSG`: prints the failed check and stops.
        mutating func check(_ what: String, _ value: Int, _ op: String, _ limit: Int, fails: Bool) throws(Invalid) {
            if fails {
                self.output += " (\(what) \(value) \(op) \(limit))"
                throw Invalid()
            }
        }

        mutating func printChunks() throws(Invalid) {
            let count = self.raw.bytes.count
            try self.check("length", count, "<", CommonHeader.length, fails: count < CommonHeader.length)
            for port in [self.raw.sourcePort, self.raw.destinationPort] {
                if let port, let channel = TcpdumpLabels.forcesChannel(port) {
                    self.output += "[\(channel)]"
                }
            }
            var offset = CommonHeader.length
            var number = 1
            var separator = " ("
            while offset < count {
                let remaining = count - offset
                if remaining < 4 {
                    self.output += "\(separator)\(number)) [chunk descriptor cut off at end of packet]"
                    return
                }
                let chunk = RawChunk(bytes: self.raw.bytes, offset: offset)
                let length = chunk.declaredLength
                if length < 4 {
                    self.output += "\(separator)\(number)) [Bad chunk length \(length), < size of chunk descriptor]"
                    return
                }
                if length > remaining {
                    // tcpdump's ND_TCHECK_LEN on the chunk: the data ends before the chunk does.
                    self.output += " [|sctp]"
                    return
                }
                self.output += "\(separator)\(number)) [\(TcpdumpLabels.chunkLabel(chunk.type.rawValue))] "
                try self.printValue(of: chunk)
                if !chunk.isPaddingComplete {
                    // tcpdump's ND_TCHECK_LEN on the padding.
                    self.output += " [|sctp]"
                    return
                }
                separator = ", ("
                number += 1
                offset = chunk.nextOffset
            }
        }

        mutating func printValue(of chunk: RawChunk) throws(Invalid) {
            let start = chunk.offset + 4
            let length = chunk.declaredLength - 4
            switch chunk.type.rawValue {
            case 0: try self.printData(flags: chunk.flags, at: start, length: length)
            case 64: try self.printIData(flags: chunk.flags, at: start, length: length)
            case 194:
                try self.check("chunk length", length, "<", 4, fails: length < 4)
                self.output += "[TSN: \(self.u32(start))] "
            case 1, 2:
                try self.check("chunk length", length, "<", 16, fails: length < 16)
                self.output += "[init tag: \(self.u32(start))] [rwnd: \(self.u32(start + 4))] "
                self.output += "[OS: \(self.u16(start + 8))] [MIS: \(self.u16(start + 10))] "
                self.output += "[init TSN: \(self.u32(start + 12))] "
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
                self.output += "(I)"
                any = true
            }
            for (bit, label) in [(DataChunkFlags.unordered, "(U)"), (.beginning, "(B)"), (.ending, "(E)")]
            where data.contains(bit) {
                self.output += label
                any = true
            }
            if any {
                self.output += " "
            }
        }

        mutating func printData(flags: UInt8, at start: Int, length: Int) throws(Invalid) {
            self.printDataFlags(flags, immediate: false)
            try self.check("chunk length", length, "<", 12, fails: length < 12)
            self.output += "[TSN: \(self.u32(start))] [SID: \(self.u16(start + 4))] [SSEQ \(self.u16(start + 6))] "
            self.output += "[PPID \(TcpdumpLabels.ppid(self.u32(start + 8)))] "
            try self.check("chunk length", length - 12, "==", 0, fails: length == 12)
        }

        mutating func printIData(flags: UInt8, at start: Int, length: Int) throws(Invalid) {
            self.printDataFlags(flags, immediate: true)
            try self.check("chunk length", length, "<", 16, fails: length < 16)
            self.output += "[TSN: \(self.u32(start))] [SID: \(self.u16(start + 4))] [MID: \(self.u32(start + 8))] "
            let word = self.u32(start + 12)
            if DataChunkFlags(rawValue: flags).contains(.beginning) {
                self.output += "[PPID \(TcpdumpLabels.ppid(word))] "
            } else {
                self.output += "[FSN: \(word)] "
            }
            try self.check("chunk length", length - 16, "==", 0, fails: length == 16)
        }

        mutating func printSACK(at start: Int, length: Int) throws(Invalid) {
            try self.check("chunk length", length, "<", 12, fails: length < 12)
            let cumulative = self.u32(start)
            let gaps = Int(self.u16(start + 8))
            let duplicates = Int(self.u16(start + 10))
            self.output += "[cum ack \(cumulative)] [a_rwnd \(self.u32(start + 4))] "
            self.output += "[#gap acks \(gaps)] [#dup tsns \(duplicates)] "
            var remaining = length - 12
            var offset = start + 12
            var number = 0
            while remaining != 0 && number < gaps {
                try self.check("chunk length", remaining, "<", 4, fails: remaining < 4)
                let blockStart = cumulative &+ UInt32(self.u16(offset))
                let blockEnd = cumulative &+ UInt32(self.u16(offset + 2))
                self.output += "\n\t\t[gap ack block #\(number + 1): start = \(blockStart), end = \(blockEnd)] "
                offset += 4
                remaining -= 4
                number += 1
            }
            number = 0
            while remaining != 0 && number < duplicates {
                try self.check("chunk length", remaining, "<", 4, fails: remaining < 4)
                self.output += "\n\t\t[dup TSN #\(number + 1): \(self.u32(offset))] "
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
                self.output += "[\(TcpdumpLabels.reConfigParameter(type))"
                parameterLength -= 4
                remaining -= 4
                offset += 4
                try self.check("chunk length", remaining, "<", parameterLength, fails: remaining < parameterLength)
                self.output += "]"
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
            self.output += "[SEQ: \(self.u32(start)), "
            let addressType = self.u16(start + 4)
            if addressType == 5 {
                let address = IPv4AddressValue(rawValue: self.u32(start + 8))
                self.output += "ADDR: \(address)] "
            } else if addressType == 6 {
                needed = 4 + 20
                try self.check("chunk length", length, "<", needed, fails: length < needed)
                let bytes = (0..<16).map { self.raw.uint8(at: start + 8 + $0) ?? 0 }
                self.output += "ADDR: \(IPv6AddressValue(bytes: bytes).map { "\($0)" } ?? "?")] "
            } else {
                needed = 4 + Int(self.u16(start + 6))
                try self.check("chunk length", length, "<", needed, fails: length < needed)
                self.output += "ADDR: bogus address type]"
            }
            var remaining = length - needed
            var offset = start + needed
            while remaining != 0 {
                try self.check("chunk length", remaining, "<", 4, fails: remaining < 4)
                let parameterLength = Int(self.u16(offset + 2))
                try self.check("parameter length", parameterLength, "<", 2, fails: parameterLength < 2)
                try self.check("chunk length", remaining, "<", parameterLength, fails: remaining < parameterLength)
                self.output += "[\(TcpdumpLabels.asconfParameter(self.u16(offset)))]"
                offset += parameterLength
                remaining -= parameterLength
            }
        }

        mutating func printASCONFAck(at start: Int, length: Int) throws(Invalid) {
            try self.check("chunk length", length, "<", 4, fails: length < 4)
            self.output += "[SEQ: \(self.u32(start))] "
            var remaining = length - 4
            var offset = start + 4
            while remaining != 0 {
                try self.check("chunk length", remaining, "<", 8, fails: remaining < 8)
                let parameterLength = Int(self.u16(offset + 2))
                try self.check("parameter length", parameterLength, "<", 8, fails: parameterLength < 8)
                try self.check("chunk length", remaining, "<", parameterLength, fails: remaining < parameterLength)
                self.output += "[\(TcpdumpLabels.asconfParameter(self.u16(offset)))] "
                offset += parameterLength
                remaining -= parameterLength
            }
        }

        func u16(_ offset: Int) -> UInt16 {
            self.raw.uint16(at: offset) ?? 0
        }

        func u32(_ offset: Int) -> UInt32 {
            self.raw.uint32(at: offset) ?? 0
        }
    }
}
