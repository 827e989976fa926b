package explain

import (
	"fmt"
	"strconv"

	"github.com/kexplain/kexplain/layers"
)

// A recogniser can misread one character of a number and be sure of it: tesseract.js's model
// reads an 8 as a 0 with confidence 95, or adds a digit. On a picture, a row that is wrong as read
// but right once one number on it (an axis of its shape, or its count) is read one character
// differently is not a mismatch: the misreading is as likely as the wrong number, and a mismatch
// from a picture needs a number that no repair reconciles. One character only: the edits people
// make (a transposition, a hand-computed width) are two or more, and stay caught.

// maxMisreadDigits bounds the numbers tried: longer ones are not varied (a count of 10 digits
// is tried with about 200 variants; the row is judged once per variant).
const maxMisreadDigits = 10

// misreadFits reports, for a mismatch row i of a picture's table, a number on the row whose
// reading one character away makes the row consistent: what was read and what fits.
func misreadFits(s *Summary, i int) (read, fits string, ok bool) {
	rr := s.Rows[i]
	r := rr.Row
	try := func(mod func(row *RowResult)) bool {
		row := *r
		t := &RowResult{Row: &row, Class: rr.Class, Status: layers.Unknown, InputDims: rr.InputDims, Inputs: rr.Inputs}
		mod(t)
		n := len(s.Flags)
		judgeRow(s, i, t)
		s.Flags = s.Flags[:n]
		return t.Status == layers.OK
	}
	if r.Params != nil {
		for _, v := range oneEdits(*r.Params) {
			if try(func(t *RowResult) { t.Row.Params = &v }) {
				return layers.Num(*r.Params), layers.Num(v), true
			}
		}
	}
	dims := r.Output.Dims
	if !r.Output.Known() {
		return "", "", false
	}
	for k, d := range dims {
		if d < 0 {
			continue // None
		}
		for _, v := range oneEdits(d) {
			if try(func(t *RowResult) {
				nd := append([]int64(nil), dims...)
				nd[k] = v
				t.Row.Output.Dims = nd
			}) {
				return fmt.Sprintf("%d in the shape", d), strconv.FormatInt(v, 10), true
			}
		}
	}
	return "", "", false
}

// oneEdits are the positive numbers one digit away from n: a digit changed, dropped or added.
func oneEdits(n int64) []int64 {
	s := strconv.FormatInt(n, 10)
	if len(s) > maxMisreadDigits {
		return nil
	}
	seen := map[int64]bool{n: true}
	var out []int64
	add := func(t string) {
		if t == "" || len(t) > 1 && t[0] == '0' {
			return
		}
		v, err := strconv.ParseInt(t, 10, 64)
		if err != nil || v <= 0 || seen[v] {
			return
		}
		seen[v] = true
		out = append(out, v)
	}
	for i := 0; i <= len(s); i++ {
		if i < len(s) {
			add(s[:i] + s[i+1:]) // dropped
		}
		for c := byte('0'); c <= '9'; c++ {
			if i < len(s) && c != s[i] {
				add(s[:i] + string(c) + s[i+1:]) // changed
			}
			add(s[:i] + string(c) + s[i:]) // added
		}
	}
	return out
}
