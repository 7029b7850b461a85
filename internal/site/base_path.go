package site

import (
	"fmt"
	"regexp"
	"strings"
)

// maxBasePath bounds a base path: it is written into every link of every page.
const maxBasePath = 200

// baseSegment is one segment of a base path: the unreserved characters of
// RFC 3986, which need no escaping in a URL, an HTML attribute or a file
// name. Quotes, angle brackets, backslashes, '%', '?', '#', spaces and
// control characters are not among them, so a base path can neither leave
// its attribute nor point at another host.
var baseSegment = regexp.MustCompile(`^[A-Za-z0-9._~-]+$`)

// CheckBase normalises a base path ("", "/", "atlas", "/atlas/" give "/" or
// "/atlas/") and refuses anything but safe segments: no empty segment
// ("//host/" would read as another host), no "." or "..", nothing that HTML
// or a URL would have to escape, and not under /web/, which is the assets'.
func CheckBase(p string) (string, error) {
	if len(p) > maxBasePath {
		return "", fmt.Errorf("invalid base path: longer than %d bytes", maxBasePath)
	}
	trimmed := strings.TrimPrefix(strings.TrimSuffix(p, "/"), "/")
	if trimmed == "" {
		if p != "" && p != "/" {
			return "", fmt.Errorf("invalid base path %q: use / for the root", p)
		}
		return "/", nil
	}
	for _, seg := range strings.Split(trimmed, "/") {
		switch {
		case seg == "":
			return "", fmt.Errorf("invalid base path %q: an empty segment (//)", p)
		case strings.Trim(seg, ".") == "":
			return "", fmt.Errorf("invalid base path %q: a segment of dots only (%q)", p, seg)
		case !baseSegment.MatchString(seg):
			return "", fmt.Errorf("invalid base path %q: a segment has letters, digits, '.', '_', '~' and '-' only", p)
		}
	}
	base := "/" + trimmed + "/"
	if strings.HasPrefix(base, "/web/") {
		// Links under it would read as go-app's /web/ assets.
		return "", fmt.Errorf("the base path %s is reserved for the site's assets", base)
	}
	return base, nil
}
