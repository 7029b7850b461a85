package e2e

import (
	"context"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// watchDialogs records every JavaScript dialog (alert, confirm, prompt,
// beforeunload) the tab in ctx opens from now on, and returns what it has
// seen so far. Each is dismissed: an open dialog stalls the page, and the
// checks that follow would wait on it instead of failing.
func watchDialogs(t *testing.T, ctx context.Context) func() []string {
	t.Helper()
	var mu sync.Mutex
	var seen []string
	opened := make(chan struct{}, 64)
	// Listen, not Events: the func runs before the reply to the command
	// that follows the dialog, so a check run after it has seen the dialog.
	require.NoError(t, chromedp.Listen(ctx, func(ev any) {
		if ev, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			mu.Lock()
			seen = append(seen, string(ev.Type)+" "+strconv.Quote(ev.Message)+" on "+ev.URL)
			mu.Unlock()
			select {
			case opened <- struct{}{}:
			default:
			}
		}
	}))
	// The func must run no command: the dismissal runs here.
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-opened:
				_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
			}
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(seen)
	}
}
