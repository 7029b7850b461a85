package site

import (
	"bytes"
	"encoding/json"

	"github.com/tenantatlas/tenantatlas/domain"
)

// marshalIndex writes a sharded snapshot's index.json: one tenant per line,
// so that a reviewer can read it and diff it.
func marshalIndex(p *domain.Portfolio) ([]byte, error) {
	head := *p
	head.Tenants = nil
	b, err := json.Marshal(head)
	if err != nil {
		return nil, err
	}
	// {"...","tenants":null} → {"...","tenants":[\n{...},\n{...}\n]}
	b = bytes.TrimSuffix(b, []byte("null}"))
	var out bytes.Buffer
	out.Write(b)
	out.WriteByte('[')
	for i, t := range p.Tenants {
		if i > 0 {
			out.WriteByte(',')
		}
		out.WriteByte('\n')
		row, err := json.Marshal(t)
		if err != nil {
			return nil, err
		}
		out.Write(row)
	}
	out.WriteString("\n]}\n")
	return out.Bytes(), nil
}
