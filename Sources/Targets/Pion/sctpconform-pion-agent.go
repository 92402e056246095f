// sctpconform-pion-agent: drives pion/sctp (Debian's golang-github-pion-sctp-dev, 1.8.6) for the
// harness. It speaks the agent control protocol of docs/agent-protocol.md on stdin/stdout (commands
// in, one reply per command, events whenever pion's application sees something) and runs pion over
// SCTP-over-UDP (RFC 6951): pion reads and writes whole SCTP packets through any net.Conn, here a
// UDP socket bound to the configured local port that sends to the configured peer.
//
// What pion cannot do is answered `error 95 not supported: ...`: it has no socket options (RTO,
// INITMSG, cookie life, heartbeat, delayed SACK, Nagle), and its client always uses SCTP ports
// 5000/5000 (a server answers on the ports of the INIT it receives).
//
// pion has no notifications: the agent derives them from the packets that cross its net.Conn.
// COMM_UP when Server/Client return, SHUTDOWN_COMP when the association closed after a SHUTDOWN
// COMPLETE went either way, COMM_LOST when it closed after an ABORT, CANT_STR_ASSOC when Client
// gave up; shutdown-received at the first SHUTDOWN from the peer.
//
// Built by the harness on first use, in GOPATH mode against Debian's packages:
//
//	GO111MODULE=off GOPATH=<cache>:/usr/share/gocode go build -o sctpconform-pion-agent sctpconform-pion-agent.go
package main

import (
	"bufio"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pion/logging"
	"github.com/pion/sctp"
)

const (
	agentName       = "sctpconform-pion-agent"
	protocolVersion = 1
	stackVersion    = "pion/sctp-1.8.6"
	maxLine         = 1 << 20
	// Bounded waits: nothing the agent does blocks for longer.
	closeWait    = 2 * time.Second
	shutdownWait = 60 * time.Second
	// SCTP chunk types the conn watches (RFC 9260 §3.2).
	chunkAbort            = 6
	chunkShutdown         = 7
	chunkShutdownComplete = 14
)

func main() {
	agent := newAgent(os.Stdout)
	reader := bufio.NewReaderSize(os.Stdin, 64*1024)
	for {
		line, err := readLine(reader)
		if err != nil {
			agent.closeAll()
			if errors.Is(err, io.EOF) {
				os.Exit(0)
			}
			agent.diagnostic("reading commands: %v", err)
			os.Exit(1)
		}
		if line == "" {
			continue
		}
		if quit := agent.handle(line); quit {
			agent.closeAll()
			os.Exit(0)
		}
	}
}

// readLine reads one `\n`-terminated line of at most maxLine bytes.
func readLine(reader *bufio.Reader) (string, error) {
	var line []byte
	for {
		part, isPrefix, err := reader.ReadLine()
		if err != nil {
			return "", err
		}
		line = append(line, part...)
		if len(line) > maxLine {
			return "", fmt.Errorf("a line longer than %d bytes", maxLine)
		}
		if !isPrefix {
			return string(line), nil
		}
	}
}

// configuration is what `configure` set.
type configuration struct {
	localPort   uint16
	peerPort    uint16
	localAddrs  []string
	peerAddr    string
	udpPort     int
	peerUDPPort int
}

// agent holds the one association the harness drives and writes the protocol's lines.
type agent struct {
	outMu sync.Mutex
	out   *bufio.Writer

	mu      sync.Mutex
	config  configuration
	conn    *packetConn
	assoc   *sctp.Association
	streams map[uint16]*sctp.Stream
	// Bumped by reset/close: events of an older association are dropped.
	generation int
	// Set once this side closed or aborted on purpose: no COMM_LOST/SHUTDOWN_COMP for that.
	closing bool
}

func newAgent(output io.Writer) *agent {
	return &agent{
		out:     bufio.NewWriter(output),
		config:  configuration{udpPort: 9899, peerUDPPort: 9899, peerAddr: "127.0.0.1"},
		streams: map[uint16]*sctp.Stream{},
	}
}

func (a *agent) writeLine(text string) {
	a.outMu.Lock()
	defer a.outMu.Unlock()
	a.out.WriteString(text)
	a.out.WriteByte('\n')
	a.out.Flush()
}

func (a *agent) diagnostic(format string, args ...interface{}) {
	a.writeLine("# " + strings.ReplaceAll(fmt.Sprintf(format, args...), "\n", " "))
}

// event writes an event line unless it belongs to an association reset since.
func (a *agent) event(generation int, text string) {
	a.mu.Lock()
	current := generation == a.generation
	a.mu.Unlock()
	if current {
		a.writeLine("event " + text)
	}
}

func ok(fields ...string) string {
	return strings.Join(append([]string{"ok"}, fields...), " ")
}

func failure(errno int, message string) string {
	return fmt.Sprintf("error %d %s", errno, message)
}

const (
	errnoIO          = 5
	errnoBusy        = 16
	errnoInvalid     = 22
	errnoNotSupp     = 95
	errnoAddrInUse   = 98
	errnoIsConn      = 106
	errnoNotConn     = 107
	errnoUnsupported = errnoNotSupp
)

// handle runs one command and writes its reply; true for `quit`.
func (a *agent) handle(line string) bool {
	words := strings.Split(line, " ")
	var reply string
	switch words[0] {
	case "hello":
		reply = ok(agentName, strconv.Itoa(protocolVersion), stackVersion)
	case "configure":
		reply = a.configure(words[1:])
	case "listen":
		reply = a.start(false)
	case "connect":
		reply = a.start(true)
	case "send":
		reply = a.send(words[1:])
	case "shutdown":
		reply = a.shutdown()
	case "abort":
		reply = a.abort(words[1:])
	case "close":
		a.closeAll()
		reply = ok()
	case "option":
		what := strings.Join(words[1:], " ")
		reply = failure(errnoUnsupported, "not supported: option "+what+" (pion/sctp has no socket options)")
	case "reset":
		a.closeAll()
		reply = ok()
	case "quit":
		a.writeLine(ok())
		return true
	default:
		reply = failure(errnoInvalid, "unknown command: "+words[0])
	}
	a.writeLine(reply)
	return false
}

func (a *agent) configure(pairs []string) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.assoc != nil || a.conn != nil {
		return failure(errnoIsConn, "configure after listen or connect")
	}
	for _, pair := range pairs {
		key, value, found := strings.Cut(pair, "=")
		if !found {
			return failure(errnoInvalid, "not key=value: "+pair)
		}
		switch key {
		case "local-port", "peer-port":
			port, err := strconv.ParseUint(value, 10, 16)
			if err != nil || port == 0 {
				return failure(errnoInvalid, "bad port: "+pair)
			}
			if key == "local-port" {
				a.config.localPort = uint16(port)
			} else {
				a.config.peerPort = uint16(port)
			}
		case "udp-port", "peer-udp-port":
			port, err := strconv.ParseUint(value, 10, 16)
			if err != nil {
				return failure(errnoInvalid, "bad port: "+pair)
			}
			if key == "udp-port" {
				if port == 0 {
					return failure(errnoUnsupported, "not supported: raw IP (pion/sctp runs over UDP only)")
				}
				a.config.udpPort = int(port)
			} else {
				a.config.peerUDPPort = int(port)
			}
		case "local-address":
			if net.ParseIP(value) == nil {
				return failure(errnoInvalid, "bad address: "+pair)
			}
			a.config.localAddrs = append(a.config.localAddrs, value)
		case "peer-address":
			if net.ParseIP(value) == nil {
				return failure(errnoInvalid, "bad address: "+pair)
			}
			a.config.peerAddr = value
		default:
			return failure(errnoInvalid, "unknown key: "+key)
		}
	}
	return ok()
}

// start opens the UDP socket and runs pion's Server (listen) or Client (connect) in the background;
// COMM_UP or CANT_STR_ASSOC follows as an event.
func (a *agent) start(client bool) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.conn != nil {
		return failure(errnoIsConn, "already listening or connected")
	}
	config := a.config
	local := "127.0.0.1"
	if len(config.localAddrs) > 0 {
		local = config.localAddrs[0]
	}
	if len(config.localAddrs) > 1 {
		a.writeLine("# pion/sctp binds one address; using " + local)
	}
	conn, err := openPacketConn(local, config.udpPort, config.peerAddr, config.peerUDPPort)
	if err != nil {
		return failure(errnoAddrInUse, err.Error())
	}
	if client && (config.localPort != 0 && config.localPort != 5000 || config.peerPort != 0 && config.peerPort != 5000) {
		a.writeLine("# pion/sctp's client always uses SCTP ports 5000/5000")
	}
	a.conn = conn
	a.closing = false
	generation := a.generation
	conn.onShutdown = func() { a.event(generation, "shutdown-received") }
	factory := logging.NewDefaultLoggerFactory()
	factory.Writer = os.Stderr
	factory.DefaultLogLevel = logging.LogLevelWarn
	sctpConfig := sctp.Config{NetConn: conn, LoggerFactory: factory}
	go func() {
		var assoc *sctp.Association
		var err error
		if client {
			assoc, err = sctp.Client(sctpConfig)
		} else {
			assoc, err = sctp.Server(sctpConfig)
		}
		if err != nil {
			a.diagnostic("association setup failed: %v", err)
			if client {
				a.event(generation, "assoc-change CANT_STR_ASSOC 0 0")
			}
			return
		}
		a.mu.Lock()
		if generation != a.generation {
			a.mu.Unlock()
			assoc.Close()
			return
		}
		a.assoc = assoc
		a.mu.Unlock()
		outbound, inbound := streamCounts(assoc)
		a.event(generation, fmt.Sprintf("assoc-change COMM_UP %d %d", outbound, inbound))
		a.acceptStreams(assoc, conn, generation)
	}()
	return ok()
}

// streamCounts reads the negotiated stream counts, which pion keeps unexported.
func streamCounts(assoc *sctp.Association) (uint64, uint64) {
	value := reflect.ValueOf(assoc).Elem()
	outbound := value.FieldByName("myMaxNumOutboundStreams")
	inbound := value.FieldByName("myMaxNumInboundStreams")
	if !outbound.IsValid() || !inbound.IsValid() {
		return 0, 0
	}
	return outbound.Uint(), inbound.Uint()
}

// acceptStreams reads every stream the peer opens until the association ends, then reports how it
// ended.
func (a *agent) acceptStreams(assoc *sctp.Association, conn *packetConn, generation int) {
	for {
		stream, err := assoc.AcceptStream()
		if err != nil {
			break
		}
		a.mu.Lock()
		if _, known := a.streams[stream.StreamIdentifier()]; !known && generation == a.generation {
			a.streams[stream.StreamIdentifier()] = stream
		}
		a.mu.Unlock()
		go a.readStream(stream, generation)
	}
	a.mu.Lock()
	closing := a.closing || generation != a.generation
	a.mu.Unlock()
	if closing {
		return
	}
	switch conn.ending() {
	case chunkShutdownComplete:
		a.event(generation, "assoc-change SHUTDOWN_COMP 0 0")
	default:
		a.event(generation, "assoc-change COMM_LOST 0 0")
	}
}

// readStream reports every message of one stream as an event.
func (a *agent) readStream(stream *sctp.Stream, generation int) {
	buffer := make([]byte, 1<<20)
	for {
		n, ppid, err := stream.ReadSCTP(buffer)
		if err != nil {
			return
		}
		payload := "-"
		if n > 0 {
			payload = hex.EncodeToString(buffer[:n])
		}
		// pion does not tell whether a message came unordered.
		a.event(generation, fmt.Sprintf("message %d %d 0 %s", stream.StreamIdentifier(), uint32(ppid), payload))
	}
}

func (a *agent) send(words []string) string {
	if len(words) != 4 {
		return failure(errnoInvalid, "send <stream> <ppid> <unordered 0|1> <hex>")
	}
	streamID, err1 := strconv.ParseUint(words[0], 10, 16)
	ppid, err2 := strconv.ParseUint(words[1], 10, 32)
	unordered := words[2] == "1"
	payload, err3 := decodeHex(words[3])
	if err1 != nil || err2 != nil || err3 != nil || (words[2] != "0" && words[2] != "1") {
		return failure(errnoInvalid, "bad send arguments")
	}
	a.mu.Lock()
	assoc := a.assoc
	generation := a.generation
	stream := a.streams[uint16(streamID)]
	if assoc == nil {
		a.mu.Unlock()
		return failure(errnoNotConn, "not connected")
	}
	if stream == nil {
		opened, err := assoc.OpenStream(uint16(streamID), sctp.PayloadProtocolIdentifier(ppid))
		if err != nil {
			a.mu.Unlock()
			return failure(errnoIO, err.Error())
		}
		stream = opened
		a.streams[uint16(streamID)] = stream
		go a.readStream(stream, generation)
	}
	a.mu.Unlock()
	stream.SetReliabilityParams(unordered, sctp.ReliabilityTypeReliable, 0)
	if len(payload) == 0 {
		return failure(errnoInvalid, "pion/sctp does not send empty messages")
	}
	if _, err := stream.WriteSCTP(payload, sctp.PayloadProtocolIdentifier(ppid)); err != nil {
		return failure(errnoIO, err.Error())
	}
	return ok()
}

func decodeHex(text string) ([]byte, error) {
	if text == "-" {
		return []byte{}, nil
	}
	return hex.DecodeString(text)
}

// shutdown starts pion's graceful shutdown; a refusal that comes at once (not established) is the
// reply, otherwise SHUTDOWN_COMP follows as an event.
func (a *agent) shutdown() string {
	a.mu.Lock()
	assoc := a.assoc
	a.mu.Unlock()
	if assoc == nil {
		return failure(errnoNotConn, "not connected")
	}
	result := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), shutdownWait)
		defer cancel()
		result <- assoc.Shutdown(ctx)
	}()
	select {
	case err := <-result:
		if err != nil {
			return failure(errnoNotConn, err.Error())
		}
	case <-time.After(20 * time.Millisecond):
	}
	return ok()
}

func (a *agent) abort(words []string) string {
	reason := []byte{}
	if len(words) == 1 {
		decoded, err := decodeHex(words[0])
		if err != nil {
			return failure(errnoInvalid, "bad abort reason")
		}
		reason = decoded
	}
	a.mu.Lock()
	assoc := a.assoc
	a.closing = true
	a.mu.Unlock()
	if assoc == nil {
		return failure(errnoNotConn, "not connected")
	}
	done := make(chan struct{})
	go func() {
		assoc.Abort(string(reason))
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(closeWait):
		a.diagnostic("abort did not finish within %v", closeWait)
	}
	return ok()
}

// closeAll ends the association (without a packet: pion's Close) and the socket; events of the old
// association are dropped from now on.
func (a *agent) closeAll() {
	a.mu.Lock()
	assoc, conn := a.assoc, a.conn
	a.assoc, a.conn = nil, nil
	a.streams = map[uint16]*sctp.Stream{}
	a.generation++
	a.closing = true
	a.mu.Unlock()
	if conn != nil {
		conn.Close()
	}
	if assoc != nil {
		done := make(chan struct{})
		go func() {
			assoc.Close()
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(closeWait):
			a.diagnostic("close did not finish within %v", closeWait)
		}
	}
}

// packetConn is the net.Conn pion runs over: a UDP socket bound to the local encapsulation port that
// takes datagrams only from the peer and sends to it. It notes the SHUTDOWN, SHUTDOWN COMPLETE and
// ABORT chunks that cross it, from which the agent derives pion's missing notifications.
type packetConn struct {
	socket *net.UDPConn
	peer   *net.UDPAddr

	mu          sync.Mutex
	closed      bool
	lastEnding  int
	sawShutdown bool
	onShutdown  func()
}

func openPacketConn(local string, localPort int, peer string, peerPort int) (*packetConn, error) {
	localAddr := &net.UDPAddr{IP: net.ParseIP(local), Port: localPort}
	network := "udp4"
	if localAddr.IP.To4() == nil {
		network = "udp6"
	}
	socket, err := net.ListenUDP(network, localAddr)
	if err != nil {
		return nil, err
	}
	return &packetConn{socket: socket, peer: &net.UDPAddr{IP: net.ParseIP(peer), Port: peerPort}}, nil
}

func (c *packetConn) Read(buffer []byte) (int, error) {
	for {
		n, from, err := c.socket.ReadFromUDP(buffer)
		if err != nil {
			c.mu.Lock()
			closed := c.closed
			c.mu.Unlock()
			if closed {
				return 0, io.EOF
			}
			return 0, err
		}
		if !from.IP.Equal(c.peer.IP) || from.Port != c.peer.Port {
			continue // not the harness: the socket is ours alone
		}
		c.note(buffer[:n], true)
		return n, nil
	}
}

func (c *packetConn) Write(packet []byte) (int, error) {
	c.note(packet, false)
	return c.socket.WriteToUDP(packet, c.peer)
}

// note records the chunks that end an association, and the first SHUTDOWN from the peer.
func (c *packetConn) note(packet []byte, inbound bool) {
	for offset := 12; offset+4 <= len(packet); {
		chunkType := int(packet[offset])
		length := int(packet[offset+2])<<8 | int(packet[offset+3])
		var callback func()
		c.mu.Lock()
		switch chunkType {
		case chunkAbort, chunkShutdownComplete:
			c.lastEnding = chunkType
		case chunkShutdown:
			if inbound && !c.sawShutdown {
				c.sawShutdown = true
				callback = c.onShutdown
			}
		}
		c.mu.Unlock()
		if callback != nil {
			callback()
		}
		if length < 4 {
			return
		}
		offset += (length + 3) &^ 3
	}
}

// ending is the chunk type (ABORT or SHUTDOWN COMPLETE) that last crossed the conn, 0 if none.
func (c *packetConn) ending() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lastEnding
}

func (c *packetConn) Close() error {
	c.mu.Lock()
	already := c.closed
	c.closed = true
	c.mu.Unlock()
	if already {
		return nil
	}
	return c.socket.Close()
}

func (c *packetConn) LocalAddr() net.Addr                { return c.socket.LocalAddr() }
func (c *packetConn) RemoteAddr() net.Addr               { return c.peer }
func (c *packetConn) SetDeadline(t time.Time) error      { return c.socket.SetDeadline(t) }
func (c *packetConn) SetReadDeadline(t time.Time) error  { return c.socket.SetReadDeadline(t) }
func (c *packetConn) SetWriteDeadline(t time.Time) error { return c.socket.SetWriteDeadline(t) }
