package explain

import (
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// Trace matches a list of numbers found in the paste (a get_weights() loop's output) to the
// weight arrays of a table.
type Trace struct {
	Line    int // first line of the list
	Running bool
	Entries []TraceEntry
}

// TraceEntry is one number of the list and the array it ends at.
type TraceEntry struct {
	Value  int64
	Line   int
	Layer  string
	Weight layers.Weight
}

// weightSeq lists every weight array of the top-level rows in get_weights() order.
func weightSeq(s *Summary) []TraceEntry {
	var seq []TraceEntry
	for _, rr := range s.Rows {
		if rr.Row.Depth != 0 {
			continue
		}
		for _, w := range rr.Weights {
			seq = append(seq, TraceEntry{Layer: rr.Row.Name, Weight: w})
		}
	}
	return seq
}

// traceNumbers matches each number list with the running sums (or the sizes) of the arrays.
func traceNumbers(s *Summary, lists []*grammar.NumList) {
	seq := weightSeq(s)
	if len(seq) == 0 {
		return
	}
	var run []int64
	var acc int64
	for _, e := range seq {
		acc += e.Weight.Size()
		run = append(run, acc)
	}
	seen := map[string]bool{}
	for _, l := range lists {
		key := listKey(l.Values)
		if seen[key] {
			continue
		}
		for _, running := range []bool{true, false} {
			tr := &Trace{Line: l.Line, Running: running}
			k := 0
			ok := true
			for vi, v := range l.Values {
				found := false
				for k < len(seq) {
					x := seq[k].Weight.Size()
					if running {
						x = run[k]
					}
					k++
					if x == v {
						e := seq[k-1]
						e.Value, e.Line = v, l.Lines[vi]
						tr.Entries = append(tr.Entries, e)
						found = true
						break
					}
					if running && x > v {
						break
					}
				}
				if !found {
					ok = false
					break
				}
			}
			if ok && len(tr.Entries) >= 3 {
				s.Traces = append(s.Traces, tr)
				seen[key] = true
				break
			}
		}
	}
}

func listKey(v []int64) string {
	var b strings.Builder
	for _, x := range v {
		b.WriteString(strconv.FormatInt(x, 10))
		b.WriteByte(',')
	}
	return b.String()
}

// checkClaims compares hand calculations in the paste with the rows: an arithmetic slip, or a
// count that assumes another input width. Such findings are notes: they never change the exit
// status.
func checkClaims(s *Summary, cl []*grammar.Claim) {
	for _, c := range cl {
		if c.Line >= s.Table.StartLine && c.Line <= s.Table.EndLine {
			continue
		}
		if matchesRow(s, c.Result) {
			continue
		}
		num := s.numStyle().Format // the counts as the table prints its own
		val, ok := evalClaim(c.Text)
		if ok && val != c.Result {
			msg := c.Text + ": the arithmetic gives " + num(val) + ", not " + num(c.Result)
			if rr := rowWithCount(s, val); rr != nil {
				msg += ", which is " + rr.Row.Name + "'s count"
			}
			s.Flags = append(s.Flags, Flag{Kind: KindRow, Severity: Note, Line: c.Line, Message: msg})
			continue
		}
		// d × u + u with another d: find a Dense-like row with these units
		for _, rr := range s.Rows {
			if rr.Expected == nil || len(rr.InputDims) == 0 || rr.InputDims[0] == nil || rr.Row.Output.Kind != grammar.ShapeTuple {
				continue
			}
			u := rr.Row.Output.Dims[len(rr.Row.Output.Dims)-1]
			d := rr.InputDims[0].Last()
			if len(c.Terms) == 3 && c.Terms[1] == u && c.Terms[2] == u && c.Terms[0] != d && c.Terms[0]*u+u == c.Result {
				msg := c.Text + " assumes " + num(c.Terms[0]) + " inputs to " + rr.Row.Name + "; its input is " + num(d) +
					" wide, so it has " + num(d) + " × " + num(u) + " + " + num(u) + " = " + num(d*u+u)
				s.Flags = append(s.Flags, Flag{Kind: KindRow, Severity: Note, Line: c.Line, Layer: rr.Row.Name, Message: msg})
				break
			}
		}
	}
}

func matchesRow(s *Summary, n int64) bool { return rowWithCount(s, n) != nil }

func rowWithCount(s *Summary, n int64) *RowResult {
	for _, rr := range s.Rows {
		if rr.Row.Params != nil && *rr.Row.Params == n && n != 0 {
			return rr
		}
	}
	return nil
}

// evalClaim evaluates "a * b + c" (× and x as times) with the usual precedence.
func evalClaim(text string) (int64, bool) {
	expr := text
	if i := strings.LastIndexByte(expr, '='); i >= 0 {
		expr = expr[:i]
	}
	expr = strings.NewReplacer("×", "*", " x ", "*", ",", "", "(", "", ")", "").Replace(expr)
	var total int64
	for _, term := range strings.Split(expr, "+") {
		prod := int64(1)
		n := 0
		for _, f := range strings.Split(term, "*") {
			f = strings.TrimSpace(f)
			if f == "" {
				continue
			}
			v, err := strconv.ParseInt(f, 10, 64)
			if err != nil {
				return 0, false
			}
			prod *= v
			n++
		}
		if n == 0 {
			return 0, false
		}
		total += prod
	}
	return total, true
}
