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

// cutByColumn reads again a row whose count fills its column to the edge (Keras 1 and 2, TF.js:
// every cell cut at its column) and that no configuration of its layer gives, or whose layer
// cannot be told: the print may have cut it. Where the layer's count starts with what the row
// shows, the row holds a cut count; where the layer cannot be told, a count that may be cut is
// no evidence, and the row says so; a count that is no such start stays a mismatch. mark is where
// the row's flags start.
func cutByColumn(s *Summary, i int, rr *RowResult, mark int) bool {
	r := rr.Row
	if !r.CountFills || r.Params == nil {
		return false
	}
	s.Flags = s.Flags[:mark]
	text, params := r.ParamsText, r.Params
	shown := strconv.FormatInt(*params, 10)
	r.ParamsText, r.Params = r.ParamsText+"…", nil
	judgeRow(s, i, rr)
	msg := ""
	switch {
	case rr.Status == layers.Unknown:
		// the layer's count cannot be told here: a count that may be cut is no mismatch
		msg = "the count " + strconv.Quote(text) + " fills its column to the edge, and the print cuts what does not fit: it may have lost digits"
	case rr.Status == layers.OK && rr.Expected != nil && rr.Ambiguous == "" && len(strconv.FormatInt(*rr.Expected, 10)) > len(shown) &&
		strings.HasPrefix(strconv.FormatInt(*rr.Expected, 10), shown):
		msg = "the count " + strconv.Quote(text) + " fills its column to the edge, and the print cuts what does not fit: it is the start of the layer's " + layers.Num(*rr.Expected)
	default:
		s.Flags = s.Flags[:mark]
		r.ParamsText, r.Params = text, params
		judgeRow(s, i, rr)
		return false
	}
	s.Flags = append(s.Flags, Flag{Kind: KindParse, Severity: Note, Line: r.Line, Layer: r.Name, Message: msg})
	return true
}
