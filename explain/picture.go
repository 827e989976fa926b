package explain

import (
	"fmt"
	"strings"

	"github.com/kexplain/kexplain/grammar"
)

// judgePicture revises the verdicts of a document whose text was read from a picture: a count
// that OCR may have misread is never a mismatch. A row whose cells, or the cells of the rows
// feeding it, the recogniser was unsure of is unknown, with the reason; a totals or trainable
// finding over doubtful numbers, and a part of the table that could not be read, become notes.
// A mismatch over numbers read with confidence stands.
func judgePicture(res *Result, pic *grammar.Picture) {
	for _, s := range res.Summaries {
		t := s.Table
		s.Notes = append(s.Notes, "read from a picture by OCR: a number read with low confidence is not judged")
		var flags []Flag
		demoted := map[int]string{} // row line → why
		for i, rr := range s.Rows {
			if rr.Status != Mismatch {
				continue
			}
			ds := rowDoubts(s, i, pic)
			why := describeDoubts(ds)
			if ref := strangeRef(s, i); why == "" && ref != "" {
				// a print names only its own rows: a reference to none is a misreading
				why = fmt.Sprintf("the reference %q, which names no row,", ref)
			}
			if why == "" {
				continue
			}
			rr.Status = Unknown
			d := D("read from a picture: " + why + " may be misread, so this count is not judged")
			if rr.Expected != nil {
				d = d.Then("; ", D("the arithmetic gives {}", *rr.Expected))
			}
			rr.Derivation = d
			demoted[rr.Row.Line] = why
		}
		var tableDoubts []grammar.Doubt
		if t != nil {
			tableDoubts = pic.On(t.StartLine, t.EndLine)
		}
		why := describeDoubts(tableDoubts)
		if why == "" && hasNested(s) {
			// which rows belong to a nested model shows only in their indent and "└" marks, which
			// OCR may lose: the sums over them are not judged
			why = "the nesting of the rows under a nested model"
		}
		for _, f := range s.Flags {
			switch {
			case f.Kind == KindRow && demoted[f.Line] != "":
				f.Severity = Note
				f.Message = "read from a picture, " + demoted[f.Line] + " may be misread: " + f.Message
			case (f.Kind == KindTotal || f.Kind == KindTrainable) && f.Alarm() && why != "":
				f.Severity = Note
				f.Message = "read from a picture, " + why + " may be misread: " + f.Message
			case f.Kind == KindParse && f.Alarm() && len(pic.On(f.Line, f.Line)) > 0:
				f.Severity = Note
				f.Message = "read from a picture: " + f.Message
			}
			flags = append(flags, f)
		}
		s.Flags = flags
	}
}

// strangeRef is the first reference of row i that names no row of the table ("" for none).
func strangeRef(s *Summary, i int) string {
	r := s.Rows[i].Row
	if len(r.Connected) == 0 && strings.Trim(r.ConnText, " -") != "" {
		return r.ConnText // references that cannot even be read as such
	}
	for _, c := range r.Connected {
		if c.Cut {
			continue
		}
		found := false
		for _, o := range s.Rows {
			if o.Row.Name == c.Layer {
				found = true
				break
			}
		}
		if !found {
			return c.Layer
		}
	}
	return ""
}

// hasNested reports whether a table has a row of a nested model.
func hasNested(s *Summary) bool {
	for _, rr := range s.Rows {
		if modelClasses[rr.Class] || rr.Row.Depth > 0 {
			return true
		}
	}
	return false
}

// rowDoubts lists the doubts that bear on row i's count: on its class, output shape and count,
// and on the output shapes of the rows feeding it (the row above it in a Sequential). A name or a
// reference read with low confidence does not make the arithmetic doubtful as long as it names
// a row of the table (strangeRef).
func rowDoubts(s *Summary, i int, pic *grammar.Picture) []grammar.Doubt {
	r := s.Rows[i].Row
	ds := cellDoubts(pic.On(r.Line, r.EndLine), r.TypeText, r.OutputText, r.InputText, r.ParamsText)
	feeders := map[int]bool{}
	for _, name := range s.Rows[i].Inputs {
		for k, o := range s.Rows {
			if o.Row.Name == name {
				feeders[k] = true
			}
		}
	}
	if len(feeders) == 0 {
		for k := i - 1; k >= 0; k-- {
			if s.Rows[k].Row.Depth == r.Depth {
				feeders[k] = true
				break
			}
		}
	}
	for k := range feeders {
		f := s.Rows[k].Row
		ds = append(ds, cellDoubts(pic.On(f.Line, f.EndLine), f.OutputText)...)
	}
	return ds
}

// cellDoubts keeps the doubts whose text is part of one of the cells.
func cellDoubts(ds []grammar.Doubt, cells ...string) []grammar.Doubt {
	var out []grammar.Doubt
	for _, d := range ds {
		t := strings.Trim(d.Text, " ,()[]")
		if t == "" {
			continue
		}
		for _, c := range cells {
			if c != "" && strings.Contains(strings.ReplaceAll(c, " ", ""), strings.ReplaceAll(t, " ", "")) {
				out = append(out, d)
				break
			}
		}
	}
	return out
}

// describeDoubts names what was read with low confidence: `"163,908" (line 12)`.
func describeDoubts(ds []grammar.Doubt) string {
	var parts []string
	seen := map[string]bool{}
	for _, d := range ds {
		p := fmt.Sprintf("%q (%d:%d)", d.Text, d.Line, d.Col)
		if !seen[p] {
			seen[p] = true
			parts = append(parts, p)
		}
		if len(parts) == 3 {
			break
		}
	}
	s := strings.Join(parts, ", ")
	if n := len(ds) - len(parts); n > 0 && len(seen) == 3 {
		s += fmt.Sprintf(" and %d more", n)
	}
	return s
}
