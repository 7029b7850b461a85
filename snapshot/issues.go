package snapshot

import (
	"cmp"
	"math"
	"slices"
	"sync/atomic"
)

// The problems of a snapshot are capped at MaxProblems, listed in input
// order, with those that reject the snapshot first (snapshot-format.md:
// every error is reported, the list capped and the rest counted). A
// document of a million bad records has millions of problems: they are
// counted as they are found, and only those that can still be among the
// first MaxProblems are kept, and only those have their path and message
// written. Kept all and cut at the end, a million empty restore runs took
// 90 s and 2 GB, and 20 MB of bad records ran out of memory.

// issueList keeps the first MaxProblems issues of one kind by input order
// (the place of the record, or of the document, each concerns; issues of
// one place in the order found), counting the others.
type issueList struct {
	items []issue
	// omitted counts the issues not kept, here or where they were found.
	omitted int
	// bound is the input place from which an issue can no longer be kept,
	// once MaxProblems are kept before it: an issue at that place was found
	// after the last kept one there, so it comes after it. math.MaxInt64
	// until then. Workers read it while the document's decoder writes it.
	bound atomic.Int64
}

// place is where an issue stands in input order.
func (is *issue) place() int64 {
	if is.rec != nil {
		return is.rec.offset
	}
	return is.offset
}

// wants reports whether an issue at place may be among the first.
func (l *issueList) wants(place int64) bool { return place < l.bound.Load() }

// add keeps is, counting it instead when it cannot be among the first.
func (l *issueList) add(is issue) {
	if !l.wants(is.place()) {
		l.omitted++
		return
	}
	l.items = append(l.items, is)
	// Issues mostly come in input order, but not always (validation goes
	// collection by collection): sort and cut once twice the cap is kept,
	// so that each issue costs a logarithm, and memory stays bounded.
	if len(l.items) >= 2*MaxProblems {
		l.compact()
	}
}

// compact sorts the kept issues by input order and keeps the first
// MaxProblems. Sorting is stable: issues of one place keep the order they
// were found in.
func (l *issueList) compact() {
	slices.SortStableFunc(l.items, func(a, b issue) int { return cmp.Compare(a.place(), b.place()) })
	if len(l.items) < MaxProblems {
		return
	}
	l.omitted += len(l.items) - MaxProblems
	clear(l.items[MaxProblems:])
	l.items = l.items[:MaxProblems]
	l.bound.Store(l.items[MaxProblems-1].place())
}

// take adds o's issues, kept and counted, to l's.
func (l *issueList) take(o *issueList) {
	l.omitted += o.omitted
	for _, is := range o.items {
		l.add(is)
	}
	o.items, o.omitted = nil, 0
}

// issues are a decoder's problems before their reach is known: those that
// reject the snapshot whatever the tenants (listed first), and the others.
type issues struct {
	rejects, others issueList
	// outer is the list a decoder's issues will be merged into, whose
	// bound holds here too: a worker's batch, or the document decoder's own
	// problems while workers decode a collection (decode_parallel.go).
	outer *issues
}

func newIssues(outer *issues) *issues {
	s := &issues{outer: outer}
	s.rejects.bound.Store(math.MaxInt64)
	s.others.bound.Store(math.MaxInt64)
	return s
}

// list is the list an issue goes to.
func (s *issues) list(reject bool) *issueList {
	if reject {
		return &s.rejects
	}
	return &s.others
}

// wants reports whether an issue at place may be kept, here and where it
// will be merged; if not, it is counted.
func (s *issues) wants(reject bool, place int64) bool {
	l := s.list(reject)
	if l.wants(place) && (s.outer == nil || s.outer.list(reject).wants(place)) {
		return true
	}
	l.omitted++
	return false
}

func (s *issues) add(is issue) { s.list(is.rejects()).add(is) }

// take merges o's issues into s's.
func (s *issues) take(o *issues) {
	s.rejects.take(&o.rejects)
	s.others.take(&o.others)
}

// rejects reports whether the issue rejects the snapshot whatever the
// tenants: a fault of the document, the viewer or a tenant record.
func (is *issue) rejects() bool {
	return is.reject || is.rec == nil || is.rec.coll == collTenants
}

// sorted returns the issues to list, rejecting ones first, each kind in
// input order, at most MaxProblems, and how many more there were.
func (s *issues) sorted() (list []issue, omitted int) {
	s.rejects.compact()
	s.others.compact()
	list = append(append(make([]issue, 0, len(s.rejects.items)+len(s.others.items)), s.rejects.items...), s.others.items...)
	omitted = s.rejects.omitted + s.others.omitted
	if len(list) > MaxProblems {
		omitted += len(list) - MaxProblems
		list = list[:MaxProblems]
	}
	return list, omitted
}
