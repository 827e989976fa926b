package explain

import (
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/layers"
)

// A count the print cut ("1,315,…": a Keras 3 cell too narrow for it) is read from its row's layer,
// and what the print still shows of it must agree: its digits are the first digits of the count
// the layer gives. A cut count changed by hand is caught here; a tolerance for cut counts that
// did not check them would hide it.

// checkCutCount flags a row whose cut count does not start as the count its layer gives.
func checkCutCount(s *Summary, rr *RowResult) {
	r := rr.Row
	if r.Params != nil || rr.Status != layers.OK || rr.Expected == nil || rr.Ambiguous != "" {
		return
	}
	at := strings.Index(r.ParamsText, "…")
	if at <= 0 {
		return
	}
	shown := digitsOf(r.ParamsText[:at]) // picture.go
	want := strconv.FormatInt(*rr.Expected, 10)
	if shown == "" || strings.HasPrefix(want, shown) {
		return
	}
	rr.Status = layers.Mismatch
	s.Flags = append(s.Flags, Flag{Kind: KindRow, Severity: Error, Line: r.Line, Layer: r.Name,
		Message: "what the print shows of this cut count, " + strconv.Quote(strings.TrimSpace(r.ParamsText[:at])) + ", is not how the layer's " + layers.Num(*rr.Expected) + " weights (" + rr.Derivation.String() + ") start"})
}
