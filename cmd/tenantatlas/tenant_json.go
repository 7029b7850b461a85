package main

import (
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// tenantWriter appends a resolved tenant as encoding/json's MarshalIndent
// writes it inside the output's tenants array (two-space indent, two levels
// in): the same keys in the same order, omitempty, nil slices and pointers as
// null, HTML-safe escaping. Byte for byte; tenant_json_test.go holds it to
// encoding/json on every fixture and on generated portfolios.
//
// Why by hand: a portfolio's output is twice its input, and encoding it by
// reflection (json/v2, which beat encoding/json) was a large part of
// `resolve`'s time (docs/performance.md). The resolution's types are few and settled by
// docs/interfaces.md; a field added to them fails that test until it is written
// here too.
type tenantWriter struct {
	b     []byte
	runs  []domain.RunState // the last tenant's run states, memory for the next one's
	depth int               // nesting, counting the two levels above a tenant
	first bool              // nothing written yet in the innermost object or array
}

// tenantDepth is where a tenant sits: inside the document and its tenants array.
const tenantDepth = 2

func (w *tenantWriter) reset() {
	w.b, w.depth, w.first = w.b[:0], tenantDepth, false
}

func (w *tenantWriter) newline() {
	w.b = append(w.b, '\n')
	for range w.depth {
		w.b = append(w.b, "  "...)
	}
}

func (w *tenantWriter) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.first = true
}

// close ends an object or array; an empty one stays on one line ({} or []).
func (w *tenantWriter) close(c byte) {
	w.depth--
	if !w.first {
		w.newline()
	}
	w.b = append(w.b, c)
	w.first = false
}

// key starts a member; its value follows.
func (w *tenantWriter) key(k string) {
	w.elem()
	w.b = append(w.b, '"')
	w.b = append(w.b, k...)
	w.b = append(w.b, `": `...)
}

// elem starts an array element or a member.
func (w *tenantWriter) elem() {
	if !w.first {
		w.b = append(w.b, ',')
	}
	w.first = false
	w.newline()
}

func (w *tenantWriter) str(k, v string) { w.key(k); w.quote(v) }
func (w *tenantWriter) int(k string, v int64) {
	w.key(k)
	w.b = strconv.AppendInt(w.b, v, 10)
}
func (w *tenantWriter) bool(k string, v bool) { w.key(k); w.b = strconv.AppendBool(w.b, v) }
func (w *tenantWriter) null(k string)         { w.key(k); w.b = append(w.b, "null"...) }

// strPtr writes *v, or null for nil; a function, since a method cannot
// take every string type of the domain's keys.
func strPtr[K ~string](w *tenantWriter, k string, v *K) {
	if v == nil {
		w.null(k)
		return
	}
	w.str(k, string(*v))
}

func (w *tenantWriter) intPtr(k string, v *int64) {
	if v == nil {
		w.null(k)
		return
	}
	w.int(k, *v)
}

// list writes v as an array, one element by each; nil is null, as
// encoding/json writes a nil slice.
func list[T any](w *tenantWriter, k string, v []T, each func(*T)) {
	if v == nil {
		w.null(k)
		return
	}
	w.key(k)
	w.open('[')
	for i := range v {
		w.elem()
		each(&v[i])
	}
	w.close(']')
}

func (w *tenantWriter) strings(k string, v []string) {
	list(w, k, v, func(s *string) { w.quote(*s) })
}

func (w *tenantWriter) ints(k string, v []int64) {
	list(w, k, v, func(n *int64) { w.b = strconv.AppendInt(w.b, *n, 10) })
}

// safeASCII marks the bytes below 0x80 that encoding/json writes as they are.
var safeASCII = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

const hexDigits = "0123456789abcdef"

// quote writes s as encoding/json does: \" \\ \b \f \n \r \t, \u00XX for
// other control characters, \u003c \u003e \u0026 for < > & (safe inside
// HTML), \u2028 and \u2029 (safe inside JavaScript), and U+FFFD for invalid
// UTF-8.
func (w *tenantWriter) quote(s string) {
	w.b = append(w.b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if safeASCII[c] {
				i++
				continue
			}
			w.b = append(w.b, s[start:i]...)
			switch c {
			case '"', '\\':
				w.b = append(w.b, '\\', c)
			case '\b':
				w.b = append(w.b, `\b`...)
			case '\f':
				w.b = append(w.b, `\f`...)
			case '\n':
				w.b = append(w.b, `\n`...)
			case '\r':
				w.b = append(w.b, `\r`...)
			case '\t':
				w.b = append(w.b, `\t`...)
			default:
				w.b = append(w.b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			w.b = append(w.b, s[start:i]...)
			w.b = append(w.b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			w.b = append(w.b, s[start:i]...)
			w.b = append(w.b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	w.b = append(w.b, s[start:]...)
	w.b = append(w.b, '"')
}

func (w *tenantWriter) tenant(t *domain.TenantState) {
	w.tenantHead(t)
	list(w, "restore_runs", t.RestoreRuns, w.run)
	w.close('}')
}

// stream writes the resolver's i-th tenant to out as tenant does, its runs
// resolved one at a time and written a buffer at a time.
func (w *tenantWriter) stream(out io.Writer, r *domain.Resolver, i int) error {
	ts, runs := r.TenantStream(i)
	w.reset()
	w.tenantHead(&ts)
	w.key("restore_runs")
	w.open('[')
	for run := range runs {
		w.elem()
		w.run(run)
		if len(w.b) >= 64<<10 {
			if _, err := out.Write(w.b); err != nil {
				return err
			}
			w.b = w.b[:0]
		}
	}
	w.close(']')
	w.close('}')
	_, err := out.Write(w.b)
	return err
}

// tenantHead writes a tenant up to its runs.
func (w *tenantWriter) tenantHead(t *domain.TenantState) {
	w.open('{')
	w.int("tenant_id", t.TenantID)
	w.str("name", t.Name)
	w.str("data_status", string(t.DataStatus))
	w.key("backup_health")
	w.backupHealth(t.BackupHealth)
	w.key("recovery_evidence")
	w.recoveryEvidence(t.RecoveryEvidence)
	list(w, "needs_attention", t.NeedsAttention, w.attentionItem)
}

func (w *tenantWriter) backupHealth(h *domain.BackupHealth) {
	if h == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.open('{')
	w.str("posture", string(h.Posture))
	strPtr(w, "primary_reason", h.PrimaryReason)
	w.str("headline", h.Headline)
	w.str("supporting_message", h.SupportingMessage)
	w.bool("healthy_claim_allowed", h.HealthyClaimAllowed)
	w.key("primary_action_target")
	w.action(&h.PrimaryActionTarget)
	w.str("positive_claim_boundary", h.PositiveClaimBoundary)
	w.intPtr("latest_usable_backup_set_id", h.LatestUsableBackupSetID)
	w.why(h.Why)
	w.close('}')
}

func (w *tenantWriter) recoveryEvidence(e *domain.RecoveryEvidence) {
	if e == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.open('{')
	w.str("overview_state", string(e.OverviewState))
	w.str("backup_posture", string(e.BackupPosture))
	w.bool("relevant_restore_history_present", e.RelevantRestoreHistoryPresent)
	w.intPtr("latest_relevant_restore_run_id", e.LatestRelevantRestoreRunID)
	strPtr(w, "latest_relevant_attention_state", e.LatestRelevantAttentionState)
	w.str("headline", e.Headline)
	w.str("summary", e.Summary)
	w.str("claim_boundary", e.ClaimBoundary)
	w.key("action")
	w.action(&e.Action)
	w.why(e.Why)
	w.close('}')
}

func (w *tenantWriter) action(a *domain.Action) {
	w.open('{')
	w.str("label", a.Label)
	w.str("url", a.URL)
	w.bool("disabled", a.Disabled)
	w.str("helper_text", a.HelperText)
	w.close('}')
}

func (w *tenantWriter) attentionItem(a *domain.AttentionItem) {
	w.open('{')
	w.str("kind", string(a.Kind))
	w.str("headline", a.Headline)
	w.str("url", a.URL)
	if a.Disabled {
		w.bool("disabled", true)
	}
	if a.HelperText != "" {
		w.str("helper_text", a.HelperText)
	}
	w.close('}')
}

// why is omitted when nil (omitempty).
func (w *tenantWriter) why(y *domain.Why) {
	if y == nil {
		return
	}
	w.key("why")
	w.open('{')
	w.str("rule", y.Rule)
	w.str("text", y.Text)
	w.strings("records", y.Records)
	w.close('}')
}

func (w *tenantWriter) run(r *domain.RunState) {
	w.open('{')
	w.int("id", r.ID)
	w.key("attention")
	w.attention(&r.Attention)
	w.key("result")
	w.result(&r.Result)
	w.close('}')
}

func (w *tenantWriter) attention(a *domain.Attention) {
	w.open('{')
	w.str("state", string(a.State))
	w.str("summary", a.Summary)
	w.bool("follow_up_required", a.FollowUpRequired)
	w.str("primary_next_action", a.PrimaryNextAction)
	w.str("recovery_claim_boundary", a.RecoveryClaimBoundary)
	w.str("tone", a.Tone)
	w.why(a.Why)
	w.close('}')
}

func (w *tenantWriter) result(r *domain.ResultState) {
	w.open('{')
	w.str("state", string(r.State))
	w.str("status_label", r.StatusLabel)
	w.str("reason", r.Reason)
	w.str("impact", r.Impact)
	w.str("primary_next_action", r.PrimaryNextAction)
	w.str("operation_proof_state", string(r.OperationProofState))
	w.str("post_run_evidence_state", string(r.PostRunEvidenceState))
	w.key("result_summary")
	w.resultSummary(&r.ResultSummary)
	w.strings("allowed_claims", r.AllowedClaims)
	w.bool("diagnostics_collapsed", r.DiagnosticsCollapsed)
	w.ints("current_evidence_ids", r.CurrentEvidenceIDs)
	if r.CurrentEvidenceOmitted != 0 {
		w.int("current_evidence_omitted", int64(r.CurrentEvidenceOmitted))
	}
	w.why(r.Why)
	w.close('}')
}

func (w *tenantWriter) resultSummary(s *domain.ResultSummary) {
	w.open('{')
	w.bool("available", s.Available)
	if s.Counts == nil {
		w.null("counts")
	} else {
		w.key("counts")
		w.counts(s.Counts)
	}
	w.str("text", s.Text)
	w.close('}')
}

// counts writes only the counts the snapshot has (omitempty): never a zero
// that was not recorded.
func (w *tenantWriter) counts(c *snapshot.Counts) {
	w.open('{')
	for _, n := range []struct {
		k string
		v *int64
	}{{"total", c.Total}, {"applied", c.Applied}, {"partial", c.Partial}, {"failed", c.Failed}, {"skipped", c.Skipped}, {"non_applied", c.NonApplied}} {
		if n.v != nil {
			w.int(n.k, *n.v)
		}
	}
	w.close('}')
}
