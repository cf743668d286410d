package fetch

import (
	"net/netip"
	"net/url"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// sameSite reports whether a and b are on one registrable domain
// (www.irna.ir and irna.ir; kerman.isna.ir and www.isna.ir), or on one
// host when either is an IP address or has no public suffix.
func sameSite(a, b *url.URL) bool {
	ha, hb := strings.ToLower(a.Hostname()), strings.ToLower(b.Hostname())
	if ha == hb {
		return true
	}
	if _, err := netip.ParseAddr(ha); err == nil {
		return false
	}
	if _, err := netip.ParseAddr(hb); err == nil {
		return false
	}
	ra, err := publicsuffix.EffectiveTLDPlusOne(ha)
	if err != nil {
		return false
	}
	rb, err := publicsuffix.EffectiveTLDPlusOne(hb)
	return err == nil && ra == rb
}
