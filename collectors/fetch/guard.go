package fetch

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// newTransport builds the HTTP transport: no proxy (a proxy would hide the
// real address from the dial check), private addresses refused after DNS
// resolution, and bodies bounded after decompression.
func newTransport(o Options) *limitTransport {
	d := &net.Dialer{
		Timeout:   10 * time.Second,
		KeepAlive: 30 * time.Second,
		Control:   dialControl(o.AllowPrivate, o.treatPublic),
	}
	dial := d.DialContext
	if o.resolve != nil {
		// Tests map names to addresses here, before the dial check runs.
		dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
			if host, port, err := net.SplitHostPort(addr); err == nil {
				if ip, ok := o.resolve[host]; ok {
					addr = net.JoinHostPort(ip, port)
				}
			}
			return d.DialContext(ctx, network, addr)
		}
	}
	t := &http.Transport{
		Proxy:                 nil,
		DialContext:           dial,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          32,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: o.Timeout,
		ExpectContinueTimeout: time.Second,
	}
	return &limitTransport{base: t, max: o.MaxBodyBytes}
}

// dialControl runs after DNS resolution, on the address actually dialled,
// so a public name resolving to a private address is refused too, and so is
// every hop of a redirect chain.
func dialControl(allowPrivate bool, treatPublic func(netip.AddrPort) bool) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		if allowPrivate {
			return nil
		}
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("dial %s: not an IP address and port: %w", address, err)
		}
		if treatPublic != nil && treatPublic(ap) {
			return nil
		}
		if !PublicAddr(ap.Addr()) {
			return fmt.Errorf("dial %s: %w", address, ErrPrivateAddress)
		}
		return nil
	}
}

// nonPublic are the special-purpose ranges (IANA IPv4 and IPv6
// special-purpose registries) a crawler never has a reason to reach.
var nonPublic = func() []netip.Prefix {
	var ps []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
		"172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16",
		"198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
		"::/8",           // unspecified, loopback, IPv4-compatible
		"64:ff9b:1::/48", // local-use IPv4/IPv6 translation
		"100::/64",       // discard-only
		"2001::/23",      // IETF protocol assignments incl. Teredo
		"2001:db8::/32",  // documentation
		"fc00::/7",       // unique local
		"fe80::/10",      // link-local
		"fec0::/10",      // deprecated site-local
		"ff00::/8",       // multicast
	} {
		ps = append(ps, netip.MustParsePrefix(s))
	}
	return ps
}()

var (
	nat64   = netip.MustParsePrefix("64:ff9b::/96")
	sixToF4 = netip.MustParsePrefix("2002::/16")
)

// PublicIP reports whether ip is a public unicast address: not private,
// loopback, link-local, multicast, unspecified, carrier-grade NAT or
// otherwise reserved. IPv4-mapped IPv6 addresses are judged by their IPv4
// address, and so are NAT64 and 6to4 addresses that embed one.
func PublicIP(ip net.IP) bool {
	a, ok := netip.AddrFromSlice(ip)
	return ok && PublicAddr(a)
}

// PublicAddr is PublicIP for a netip.Addr.
func PublicAddr(a netip.Addr) bool {
	a = a.Unmap().WithZone("")
	if !a.IsValid() {
		return false
	}
	if a.Is6() {
		b := a.As16()
		switch {
		case nat64.Contains(a):
			return PublicAddr(netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}))
		case sixToF4.Contains(a):
			return PublicAddr(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}))
		}
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return false
		}
	}
	return true
}
