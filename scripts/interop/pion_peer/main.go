// pion_peer: a pion/sctp client association over a connected UDP socket (SCTP over UDP, RFC 6951), used by
// scripts/make-interop-captures.sh. It sends -n messages, alternating stream 0 (PPID 51, WebRTC string)
// and stream 1 (PPID 53, WebRTC binary), waits for each echo, then shuts the association down gracefully
// (SHUTDOWN / SHUTDOWN ACK / SHUTDOWN COMPLETE). pion uses SCTP ports 5000/5000.
//
// Built in GOPATH mode against Debian's golang-github-pion-sctp-dev:
//
//	GO111MODULE=off GOPATH=$tmp:/usr/share/gocode go build -o pion_peer ./scripts/interop/pion_peer
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"time"

	"github.com/pion/logging"
	"github.com/pion/sctp"
)

func main() {
	local := flag.String("local", "127.0.0.1:9901", "local UDP address")
	remote := flag.String("remote", "127.0.0.1:9899", "remote UDP encapsulation address of the SCTP peer")
	messages := flag.Int("n", 3, "messages to send (each is echoed back)")
	limit := flag.Duration("timeout", 15*time.Second, "hard limit for the whole run")
	flag.Parse()
	log.SetPrefix("pion_peer: ")
	log.SetFlags(0)
	time.AfterFunc(*limit, func() { log.Print("time limit reached"); os.Exit(1) })

	localAddr, err := net.ResolveUDPAddr("udp4", *local)
	if err != nil {
		log.Fatal(err)
	}
	remoteAddr, err := net.ResolveUDPAddr("udp4", *remote)
	if err != nil {
		log.Fatal(err)
	}
	// A connected UDP socket is already a net.Conn: pion reads and writes whole SCTP packets through it.
	conn, err := net.DialUDP("udp4", localAddr, remoteAddr)
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()

	association, err := sctp.Client(sctp.Config{NetConn: conn, LoggerFactory: logging.NewDefaultLoggerFactory()})
	if err != nil {
		log.Fatalf("association: %v", err)
	}
	log.Print("association established")

	ppids := []sctp.PayloadProtocolIdentifier{sctp.PayloadTypeWebRTCString, sctp.PayloadTypeWebRTCBinary}
	streams := make([]*sctp.Stream, len(ppids))
	for id, ppid := range ppids {
		if streams[id], err = association.OpenStream(uint16(id), ppid); err != nil {
			log.Fatalf("open stream %d: %v", id, err)
		}
	}

	buffer := make([]byte, 2048)
	for i := 1; i <= *messages; i++ {
		stream := streams[(i-1)%len(streams)]
		message := []byte(fmt.Sprintf("message %d", i))
		// The PPID is passed explicitly: pion 1.8.6 resets a stream's default PPID (used by Write) to 0
		// whenever DATA arrives on that stream (getOrCreateStream from handleData).
		if _, err := stream.WriteSCTP(message, ppids[(i-1)%len(ppids)]); err != nil {
			log.Fatalf("write: %v", err)
		}
		if err := stream.SetReadDeadline(time.Now().Add(5 * time.Second)); err != nil {
			log.Fatal(err)
		}
		n, ppid, err := stream.ReadSCTP(buffer)
		if err != nil {
			log.Fatalf("read echo of message %d: %v", i, err)
		}
		if !bytes.Equal(buffer[:n], message) {
			log.Fatalf("echo of message %d differs: %q", i, buffer[:n])
		}
		log.Printf("echo on stream %d, PPID %d: %s", stream.StreamIdentifier(), ppid, buffer[:n])
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := association.Shutdown(ctx); err != nil {
		log.Fatalf("shutdown: %v", err)
	}
	log.Print("shutdown complete")
}
