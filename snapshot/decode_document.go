package snapshot

import (
	"bufio"
	"bytes"
	"io"

	"github.com/go-json-experiment/json/jsontext"
)

func check(r io.Reader, lim Limits) *Checked {
	return checkWith(r, lim, parallelism(), defaultBatchBytes)
}

// checkWith is check with records decoded by that many goroutines, in
// batches of about that many bytes (the tests vary both).
func checkWith(r io.Reader, lim Limits, workers, batchBytes int) *Checked {
	if lim.MaxBytes <= 0 {
		lim.MaxBytes = DefaultMaxBytes
	}
	if lim.MaxDepth <= 0 {
		lim.MaxDepth = DefaultMaxDepth
	}
	// The limit sits beneath the buffer: a buffer above it would read ahead
	// of the limit (64 KiB past a 1 KiB limit), and Limits bound what Check
	// takes from r, not only what it decodes.
	in := &limitReader{r: r, max: lim.MaxBytes, left: lim.MaxBytes}
	br := bufio.NewReaderSize(in, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte{0xef, 0xbb, 0xbf}) {
		// JSON forbids a byte order mark (RFC 8259 §8.1); say so plainly.
		c := &Checked{Quarantined: map[int64]bool{}}
		c.Problems = Problems{{Code: CodeSyntax, Reach: ReachSnapshot,
			Message: "the document starts with a UTF-8 byte order mark, which JSON does not allow; save it as UTF-8 without a BOM"}}
		return c
	}
	d := &decoder{
		in:         in,
		iss:        newIssues(nil),
		maxDepth:   lim.MaxDepth,
		metas:      map[string]*metaChunks{},
		workers:    workers,
		batchBytes: batchBytes,
	}
	var src io.Reader = br
	if workers > 1 {
		d.tee = &tee{r: br}
		src = d.tee
	}
	// Duplicate names and invalid UTF-8 are errors by default in jsontext;
	// both stay so.
	d.dec = jsontext.NewDecoder(src)
	fatal := d.document() != nil
	return d.finish(fatal)
}

// schemaVersion reads the member schema_version.
func (d *decoder) schemaVersion(a at) error {
	d.seenVersion = true
	v, ok, err := d.readInt(a, false)
	if ok {
		d.snap.SchemaVersion = int(v)
		if v != SchemaVersion {
			d.add(a, CodeBadVersion, "schema_version %d is not supported; this tenantatlas reads version %d", v, SchemaVersion)
		}
	}
	return err
}

// generatedAt reads the member generated_at, the snapshot's "now".
func (d *decoder) generatedAt(a at) error {
	d.seenGeneratedAt = true
	s, ok, err := d.readString(a, false)
	if ok {
		t, perr := parseTimestamp(s)
		if perr != nil {
			d.add(a, CodeBadTimestamp, "%s", timestampMessage([]byte(s), perr, "2026-04-09T01:19:36+02:00"))
		} else {
			d.snap.GeneratedAt, d.snap.GeneratedAtText, d.generatedAtOK = t, s, true
		}
	}
	return err
}

// document reads the top-level object and what follows it.
func (d *decoder) document() error {
	k, err := d.peek()
	if err != nil {
		return err
	}
	if k != '{' {
		// Read the value first: "this is not JSON" starts like true, and must
		// be reported as what it is, not as a boolean.
		if _, err := d.dec.ReadToken(); err != nil {
			return d.fail(err)
		}
		d.reject("", CodeNotObject, "the snapshot must be a JSON object, not %s", kindName(k))
		return errFatal
	}
	_, err = d.object(at{idx: -1}, "an object", func(name string) error {
		d.topNames = append(d.topNames, name)
		a := at{field: name, idx: -1}
		switch name {
		case "schema_version":
			return d.schemaVersion(a)
		case "generated_at":
			return d.generatedAt(a)
		case "name":
			s, _, err := d.readString(a, false)
			d.snap.Name = s
			return err
		case "$schema":
			// Where an editor finds the JSON Schema to check the file
			// against; it says nothing of the snapshot itself.
			_, _, err := d.readString(a, false)
			return err
		case "viewer":
			return d.viewer()
		case collTenants:
			return d.records(collTenants, (*decoder).tenant)
		case collBackups:
			return d.records(collBackups, (*decoder).backupSet)
		case collRuns:
			return d.records(collRuns, (*decoder).restoreRun)
		case collOps:
			return d.records(collOps, (*decoder).operationRun)
		case collEvidence:
			return d.records(collEvidence, (*decoder).evidenceSnapshot)
		default:
			// An unknown top-level member rejects the snapshot: it may be a
			// misspelt collection whose records would otherwise vanish.
			return d.unknown(at{idx: -1}, name)
		}
	})
	if err != nil {
		return err
	}
	// Anything after the document is trailing data.
	if _, err := d.dec.ReadToken(); err != io.EOF {
		if d.in.exceeded {
			return d.fail(err)
		}
		d.reject("", CodeTrailingData, "unexpected data after the end of the snapshot at byte %d", d.offset())
		return errFatal
	}
	if d.in.exceeded || d.in.err != nil {
		return d.fail(io.ErrUnexpectedEOF)
	}
	return nil
}

// finish validates what was decoded, gives every issue its reach and tenant,
// and orders and caps the problems.
func (d *decoder) finish(fatal bool) *Checked {
	d.snap.Tenants, d.snap.BackupSets = d.tenants.join(), d.backups.join()
	runs, ops, evidence, joined := d.joinLargest()
	if !fatal {
		if !d.seenVersion {
			d.reject("schema_version", CodeMissing, "required member \"schema_version\" is missing; this tenantatlas reads version 1")
		}
		if !d.seenGeneratedAt {
			d.reject("generated_at", CodeMissing, "required member \"generated_at\" is missing; it is the \"now\" of every age and expiry")
		}
		d.validate(runs, ops, evidence)
	}
	joined()

	tenants := map[int64]bool{}
	for i := range d.snap.Tenants {
		tenants[d.snap.Tenants[i].ID] = true
	}
	rejected := fatal || len(d.iss.rejects.items) > 0 || d.iss.rejects.omitted > 0
	list, omitted := d.iss.sorted()
	c := &Checked{Problems: make(Problems, 0, len(list)), Omitted: omitted, Quarantined: map[int64]bool{}}
	for _, is := range list {
		p := Problem{Path: is.path, Code: is.code, Message: is.msg}
		switch {
		case is.rejects():
			p.Reach = ReachSnapshot
		case is.rec.hasTenant && tenants[is.rec.tenantID]:
			id := is.rec.tenantID
			p.TenantID, p.Reach = &id, ReachTenant
		default:
			p.Reach = ReachRecord // belongs to no tenant; nothing else is affected
		}
		c.Problems = append(c.Problems, p)
	}
	if rejected {
		return c
	}
	// Every record with a fault quarantines its tenant, whether its
	// problems are listed or only counted.
	for coll, metas := range d.metas {
		if coll == collTenants {
			continue
		}
		for _, chunk := range metas.chunks {
			for i := range chunk {
				if m := &chunk[i]; m.faulty && m.hasTenant && tenants[m.tenantID] {
					c.Quarantined[m.tenantID] = true
				}
			}
		}
	}
	snap := d.snap
	c.Snapshot = &snap
	return c
}
