"""Boots the sctpconform Linux test VM once with the given QEMU timing arguments and plays the
stale-cookie exchange of Scenarios/cookie-stale.yaml over UDP encapsulation (RFC 6951): INIT,
INIT ACK, 65 s of waiting, COOKIE ECHO, ERROR (Stale Cookie). Prints one line of figures.

    timers_probe.py IMAGE_DIR MODE [QEMU ARGS...]

MODE real: the 65 s pass on the host's clock (time.sleep), as a real-time harness waits.
MODE guest: the agent sleeps 65 s on the guest's clock (`sleep 65000`): with `-icount ...,sleep=off`
QEMU skips the idle time, so the wait costs little real time.
Used by scripts/bench-linux-timers.sh; needs scapy (the project's venv) for the SCTP packets.
"""
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time

from scapy.all import SCTP, SCTPChunkCookieEcho, SCTPChunkInit, raw
from scapy.layers.sctp import SCTPChunkParamStateCookie

image, mode, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
folder = tempfile.mkdtemp(prefix="sctpconform-timers-")
agent_path = os.path.join(folder, "agent.sock")
probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
probe.bind(("127.0.0.1", 0))
probe.settimeout(120)
forward = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
forward.bind(("127.0.0.1", 0))
forward_port = forward.getsockname()[1]
forward.close()
command = [
    "qemu-system-x86_64", "-accel", "tcg", "-m", "512", "-smp", "1", "-nodefaults", "-no-reboot",
    "-display", "none", "-kernel", f"{image}/vmlinuz", "-initrd", f"{image}/initramfs.cpio.gz",
    "-append", "console=ttyS0 quiet panic=-1 oops=panic sctpconform.addr=10.0.2.15/24 sctpconform.gw=10.0.2.2 "
    "sctpconform.sysctl=net.sctp.udp_port:9899,net.sctp.encap_port:9899",
    "-serial", f"file:{folder}/console.log", "-device", "virtio-serial-pci",
    "-chardev", f"socket,id=agent,path={agent_path},server=on,wait=off",
    "-device", "virtserialport,chardev=agent,name=org.sctpconform.agent",
    "-netdev", f"user,id=net0,hostfwd=udp:127.0.0.1:{forward_port}-:9899",
    "-device", "virtio-net-pci,netdev=net0",
] + extra
started = time.monotonic()
qemu = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
try:
    control = socket.socket(socket.AF_UNIX)
    for _ in range(200):
        try:
            control.connect(agent_path)
            break
        except OSError:
            time.sleep(0.05)
    control.settimeout(300)
    lines = control.makefile("rw")

    def ask(text):
        lines.write(text + "\n")
        lines.flush()
        while True:
            line = lines.readline()
            if not line:
                raise SystemExit(f"agent closed the channel; qemu: {qemu.stderr.read().decode()[-500:]}")
            if not line.startswith(("event", "#")):
                return line.strip()

    ask("hello")
    boot = time.monotonic() - started
    ask("configure local-port=5001 peer-port=5000")
    ask("option cookie-life 60000")
    ask("listen")
    target = ("127.0.0.1", forward_port)
    init = SCTP(sport=5000, dport=5001, tag=0) / SCTPChunkInit(
        init_tag=0x11223344, a_rwnd=106496, n_out_streams=10, n_in_streams=10, init_tsn=1)
    probe.sendto(raw(init), target)
    answer = SCTP(probe.recvfrom(4096)[0])
    cookie = next(p.cookie for p in answer.payload.params if isinstance(p, SCTPChunkParamStateCookie))
    guest_before = int(ask("clock").split()[1])
    wait_started = time.monotonic()
    if mode == "real":
        time.sleep(65)
    else:
        ask("sleep 65000")
    wait_wall = time.monotonic() - wait_started
    guest_waited = (int(ask("clock").split()[1]) - guest_before) / 1e9
    echo = SCTP(sport=5000, dport=5001, tag=answer.payload.init_tag) / SCTPChunkCookieEcho(cookie=cookie)
    probe.sendto(raw(echo), target)
    reply = raw(SCTP(probe.recvfrom(4096)[0]))
    chunk_type, cause = reply[12], struct.unpack("!H", reply[16:18])[0]
    staleness = struct.unpack("!I", reply[20:24])[0] if chunk_type == 9 and cause == 3 else None
    verdict = "PASS" if staleness is not None and 4_900_000 <= staleness <= 5_100_000 else "FAIL"
    ask("quit")
    qemu.wait(timeout=30)
    total = time.monotonic() - started
    print(f"mode={mode} qemu_extra='{' '.join(extra)}' boot={boot:.1f}s wait_wall={wait_wall:.2f}s "
          f"guest_waited={guest_waited:.3f}s staleness_us={staleness} verdict={verdict} total={total:.1f}s")
finally:
    if qemu.poll() is None:
        qemu.kill()
        qemu.wait()
