#!/bin/busybox sh
# /init of the sctpconform test VM (scripts/build-linux-image.sh puts it into the initramfs).
# Loads the SCTP, virtio and UDP-tunnel modules, brings up the network the kernel command line
# describes, applies the sysctls it names, then runs the agent on its virtio-serial port until the
# harness says `quit`, and powers off. Command line parameters (all optional):
#   sctpconform.addr=198.18.0.2/30      IPv4 address of eth0 (several: comma-separated)
#   sctpconform.addr6=2001:db8::2/64    IPv6 addresses of eth0 (comma-separated)
#   sctpconform.gw=10.0.2.2             default IPv4 route
#   sctpconform.sysctl=net.sctp.rto_min:200,net.sctp.udp_port:9899   sysctls (name:value, comma-separated)
#   sctpconform.app=ncat                the application the agent starts on `listen` (read by the agent)
/bin/busybox mkdir -p /bin /sbin /usr/bin /usr/sbin /proc /sys /dev /tmp
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
echo "sctpconform-init: loading modules"
for module in $(cat /etc/sctpconform/modules); do
    insmod "/lib/modules/$module" || echo "sctpconform-init: insmod $module failed"
done
echo 1 > /proc/sys/kernel/panic_on_oops
echo 7 > /proc/sys/kernel/printk

parameter() {
    for word in $(cat /proc/cmdline); do
        case "$word" in "$1="*) echo "${word#*=}"; return;; esac
    done
}

ip link set lo up
ip link set eth0 up 2>/dev/null
for address in $(parameter sctpconform.addr | tr ',' ' '); do ip addr add "$address" dev eth0; done
# No duplicate address detection (busybox's ip has no `nodad`): the address is usable at once.
echo 0 > /proc/sys/net/ipv6/conf/eth0/accept_dad
for address in $(parameter sctpconform.addr6 | tr ',' ' '); do ip -6 addr add "$address" dev eth0; done
gateway="$(parameter sctpconform.gw)"
[ -n "$gateway" ] && ip route add default via "$gateway"
for setting in $(parameter sctpconform.sysctl | tr ',' ' '); do
    name="${setting%%:*}"
    value="${setting#*:}"
    echo "$value" > "/proc/sys/$(echo "$name" | tr . /)" || echo "sctpconform-init: cannot set $name"
done
echo "sctpconform-init: ready ($(uname -r))"
/bin/sctpconform-linux-agent
echo "sctpconform-init: agent exited with status $?"
poweroff -f
