package snapshot

import (
	"bytes"
	"cmp"
	"slices"

	"github.com/go-json-experiment/json/jsontext"
)

// TenantShard is one tenant's records, a snapshot document in the format of
// docs/snapshot-format.md with this tenant alone.
type TenantShard struct {
	ID       int64
	Snapshot []byte
}

// SplitTenants writes the file of each tenant of ids from the raw members
// of a document that Check did not reject: each record goes, byte for byte,
// to the file of the tenant it names; a record that names none of ids is in
// no file.
func SplitTenants(data []byte, ids []int64) ([]TenantShard, error) {
	type tenantFile struct {
		colls [len(collections)][]jsontext.Value
	}
	files := make(map[int64]*tenantFile, len(ids))
	for _, id := range ids {
		files[id] = &tenantFile{}
	}
	var header []jsontext.Value // name, value, name, value, ...

	dec := jsontext.NewDecoder(bytes.NewReader(data))
	if _, err := dec.ReadToken(); err != nil { // {
		return nil, err
	}
	for dec.PeekKind() != '}' {
		name, err := dec.ReadValue()
		if err != nil {
			return nil, err
		}
		name = name.Clone()
		ci := collectionIndex(string(name))
		if ci < 0 {
			v, err := dec.ReadValue()
			if err != nil {
				return nil, err
			}
			header = append(header, name, v.Clone())
			continue
		}
		if _, err := dec.ReadToken(); err != nil { // [
			return nil, err
		}
		for dec.PeekKind() != ']' {
			v, err := dec.ReadValue()
			if err != nil {
				return nil, err
			}
			if id, ok := recordTenant(v, collections[ci]); ok && files[id] != nil {
				files[id].colls[ci] = append(files[id].colls[ci], v.Clone())
			}
		}
		if _, err := dec.ReadToken(); err != nil { // ]
			return nil, err
		}
	}

	out := make([]TenantShard, 0, len(files))
	for id, f := range files {
		var b bytes.Buffer
		b.WriteByte('{')
		for i := 0; i < len(header); i += 2 {
			b.Write(header[i])
			b.WriteByte(':')
			b.Write(header[i+1])
			b.WriteString(",\n")
		}
		for ci, coll := range collections {
			b.WriteString(`"` + coll + `":[`)
			for k, v := range f.colls[ci] {
				if k > 0 {
					b.WriteByte(',')
				}
				b.WriteByte('\n')
				b.Write(v)
			}
			b.WriteString("\n]")
			if ci < len(collections)-1 {
				b.WriteString(",\n")
			}
		}
		b.WriteString("}\n")
		out = append(out, TenantShard{ID: id, Snapshot: b.Bytes()})
	}
	slices.SortFunc(out, func(a, b TenantShard) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// collections in the order a tenant's file lists them.
var collections = [...]string{collTenants, collBackups, collRuns, collOps, collEvidence}

func collectionIndex(quotedName string) int {
	for i, c := range collections {
		if quotedName == `"`+c+`"` {
			return i
		}
	}
	return -1
}

// recordTenant reads the tenant a record belongs to: a tenant's own id, or
// another record's tenant_id; false when it names none as an integer.
func recordTenant(v jsontext.Value, coll string) (int64, bool) {
	key := "tenant_id"
	if coll == collTenants {
		key = "id"
	}
	dec := jsontext.NewDecoder(bytes.NewReader(v))
	if dec.PeekKind() != '{' {
		return 0, false
	}
	if _, err := dec.ReadToken(); err != nil {
		return 0, false
	}
	for dec.PeekKind() == '"' {
		name, err := dec.ReadValue()
		if err != nil {
			return 0, false
		}
		if unquoted, err := jsontext.AppendUnquote(nil, name); err != nil || string(unquoted) != key {
			if err := dec.SkipValue(); err != nil {
				return 0, false
			}
			continue
		}
		if dec.PeekKind() != '0' {
			return 0, false
		}
		num, err := dec.ReadValue()
		if err != nil {
			return 0, false
		}
		n, err := parseInt(num)
		return n, err == nil
	}
	return 0, false
}
