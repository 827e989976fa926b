package explain

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// judgePicture revises the verdicts of a document whose text was read from a picture: a count
// that OCR may have misread is never a mismatch. A row whose cells, or the cells of the rows
// feeding it, the recogniser was unsure of is unknown, with the reason; a totals or trainable
// finding over doubtful numbers, and a part of the table that could not be read, become notes.
// A mismatch over numbers read with confidence stands.
func judgePicture(res *Result, pic *grammar.Picture) {
	for _, s := range res.Summaries {
		t := s.Table
		repaired := repair(s, pic)
		splitBySize(s)
		doubtFreeTicks(s, pic, repaired)
		if t != nil {
			s.Flags = append(s.Flags, Flag{Kind: KindParse, Severity: Note, Line: t.StartLine,
				Message: "read from a picture by OCR: a number read with low confidence is not judged"})
		}
		var flags []Flag
		demoted := map[int]string{} // row line → why
		for i, rr := range s.Rows {
			if rr.Status != layers.Mismatch {
				continue
			}
			ds := rowDoubts(s, i, pic)
			why := describeDoubts(ds)
			if ref := strangeRef(s, i); why == "" && ref != "" {
				// a print names only its own rows: a reference to none is a misreading
				why = fmt.Sprintf("the reference %q, which names no row,", ref)
			}
			if why == "" && nests(s, i) {
				why = "the nesting of the rows under it"
			}
			if why == "" {
				if read, fits, ok := misreadFits(s, i); ok { // misread.go
					why = read + " (" + fits + ", one character away, makes the row consistent)"
				}
			}
			if why == "" {
				continue
			}
			rr.Status = layers.Unknown
			d := layers.D("read from a picture: " + why + " may be misread, so this count is not judged")
			switch msg := rowFlagMessage(s, rr.Row.Line); {
			case msg != "":
				// the arithmetic as the row was read, with every configuration near it (a Dense's
				// count with and without its bias), never one of them picked as the answer
				d = d.Then("; ", layers.D(msg))
			case rr.Expected != nil:
				d = d.Then("; ", layers.D("the arithmetic gives {}", *rr.Expected))
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
		wrongCount := map[int]bool{} // the rows whose count, read with confidence, no repair reconciles
		for _, rr := range s.Rows {
			if rr.Status == layers.Mismatch {
				wrongCount[rr.Row.Line] = true
			}
		}
		for _, f := range s.Flags {
			switch {
			case f.Kind == KindRow && f.Alarm() && demoted[f.Line] == "" && !wrongCount[f.Line]:
				// a finding on a row whose numbers agree rests on its text (a name printed
				// twice), which the recogniser, or a name put right by its neighbours, may have
				// misread: a picture's alarm needs a number read with confidence
				f.Severity = Note
				f.Message = "read from a picture, the row's text may be misread: " + f.Message
			case f.Kind == KindRow && demoted[f.Line] != "":
				f.Severity = Note
				f.Message = "read from a picture, " + demoted[f.Line] + " may be misread: " + f.Message
			case (f.Kind == KindTotal || f.Kind == KindTrainable) && f.Alarm() && why != "":
				f.Severity = Note
				f.Message = "read from a picture, " + why + " may be misread: " + f.Message
			case f.Kind == KindParse && f.Alarm() && (len(pic.On(f.Line, f.Line)) > 0 || len(tableDoubts) > 0):
				// a line that cannot be read in a table OCR was unsure of (a row's further line
				// read with confidence, under a row that was not) is the recogniser's doing
				f.Severity = Note
				f.Message = "read from a picture: " + f.Message
			}
			flags = append(flags, f)
		}
		s.Flags = flags
	}
}

// repair reads again, by the arithmetic, the counts of a picture: where a count that is a
// mismatch as read is one or two characters from the count its layer's arithmetic gives, and
// with every such count repaired the rows add up to the printed total, the repaired counts are
// used, and each says so ("read 163,908, the arithmetic gives 163,968"). The totals are then
// checked again. Without a printed total to confirm them, no count is repaired. The recogniser's
// confidence is not asked: a recogniser can misread a digit and be sure of it (tesseract.js's
// model reads 786,624 as 706,624 with confidence 95), and a mismatch from a picture needs a
// count that no repair reconciles. It returns the rows read again.
func repair(s *Summary, pic *grammar.Picture) map[*RowResult]bool {
	t := s.Table
	if t == nil || t.Totals.Total == nil {
		return nil
	}
	var fixes []countFix
	for i, rr := range s.Rows {
		r := rr.Row
		if rr.Status != layers.Mismatch || rr.Expected == nil || r.Params == nil || nests(s, i) {
			// (a nested model's count is the sum of the rows under it, and which rows those are
			// shows only in marks OCR may lose: the totals may add up with the nesting misread)
			continue
		}
		if digitEdits(strconv.FormatInt(*r.Params, 10), strconv.FormatInt(*rr.Expected, 10)) <= 2 {
			fixes = append(fixes, countFix{rr: rr, read: *r.Params})
		}
	}
	// the totals must agree with the repaired rows
	sumWith := func(fixes []countFix) (int64, bool) {
		var sum int64
		for _, rr := range s.Rows {
			if rr.Row.Depth != 0 {
				continue
			}
			p := rr.Row.Params
			for _, f := range fixes {
				if f.rr == rr {
					p = rr.Expected
				}
			}
			if p == nil && rr.Status == layers.OK && rr.Expected != nil {
				// a count the recogniser could not read, on a row its shapes explain (an
				// InputLayer's 0, a Dense's units): what its arithmetic gives
				p = rr.Expected
			}
			if p == nil {
				return 0, false
			}
			sum += *p
		}
		if t.Totals.Optimizer != nil {
			sum += *t.Totals.Optimizer
		}
		return sum, true
	}
	// counts the recogniser could not read ("he", "i)"), on rows whose shapes give the count, one
	// or two characters from it: read again with the others, when the totals confirm them all
	var unread []countFix
	for _, rr := range s.Rows {
		r := rr.Row
		if r.Depth == 0 && r.Params == nil && rr.Status == layers.OK && rr.Expected != nil &&
			strings.TrimSpace(r.ParamsText) != "" &&
			digitEdits(digitsOf(r.ParamsText), strconv.FormatInt(*rr.Expected, 10)) <= 2 {
			unread = append(unread, countFix{rr: rr, read: -1})
		}
	}
	// the Total line misread too ("3,833 (11.85 KB)" of 3,033): the size printed beside it,
	// which the count read does not give, gives the sum of the repaired rows
	total := *t.Totals.Total
	all := append(append([]countFix(nil), fixes...), unread...)
	sum, ok := sumWith(all)
	totalRead := false
	if ok && sum != total && len(all) > 0 && totalBySize(t, sum) {
		total, totalRead = sum, true
	}
	switch {
	case ok && sum == total && len(all) > 0:
		fixes = all
	default:
		if asRead, ok := sumWith(nil); ok {
			if js, ok := repairJointly(s, total-asRead); ok {
				fixes = js
				break
			}
		}
		// the one doubtful row that the difference from Total params points to, where the count
		// the arithmetic leaves open (a hidden kernel, say, or a cut reference) is read again with
		// the totals: beside the rows read again, else alone
		// (rows whose count was right and a shape beside it disagreed are read again only where
		// the totals confirm them without another row's help)
		counts := ok && len(all) > 0
		skip := map[*RowResult]bool{}
		for _, f := range all {
			skip[f.rr] = true
			counts = counts && (f.read < 0 || f.read != *f.rr.Expected)
		}
		if counts {
			if f, ok := repairByTotal(s, total-sum, skip); ok {
				fixes = append(all, f)
				break
			}
		}
		asRead, ok := sumWith(nil)
		if !ok {
			return nil
		}
		f, ok := repairByTotal(s, total-asRead, nil)
		if !ok {
			f, ok = repairFree(s, total-asRead)
		}
		if !ok {
			// Total params misread as well: of the counts its printed size allows near the count
			// read, the one that a single row read again makes the rows add up to
			var at int64
			n := 0
			for _, cand := range sizeTotals(t) {
				if found, _ := byTotal(s, cand-asRead, nil); len(found) == 1 {
					at, n = cand, n+1
				} else if len(found) > 1 {
					n += 2
				}
			}
			if n != 1 {
				return nil
			}
			if f, ok = repairByTotal(s, at-asRead, nil); !ok {
				return nil
			}
			total, totalRead = at, true
		}
		fixes = []countFix{f}
	}
	var totalNote []Flag
	if totalRead {
		read := *t.Totals.Total
		t.Totals.Total = &total
		totalNote = append(totalNote, Flag{Kind: KindTotal, Severity: Note, Line: t.Totals.Line,
			Message: "Total params read " + layers.Num(read) + "; its size " + t.Totals.TotalSize + " and the rows, read again by the arithmetic, give " + layers.Num(total) + ": " + layers.Num(total) + " is used"})
	}
	lines := map[int]bool{}
	for _, f := range fixes {
		rr := f.rr
		p := *rr.Expected
		rr.Row.Params = &p
		msg := "read " + layers.Num(f.read) + ", the arithmetic gives " + layers.Num(p) + " (and the rows then add up to Total params): " + layers.Num(p) + " is used"
		if f.free {
			msg = "read " + layers.Num(f.read) + ", which its layer could give too (the print does not show what fixes it); " + layers.Num(p) + freeWhy(rr) + ", one digit away, is what the rows need to add up to Total params: " + layers.Num(p) + " is used"
		}
		if f.read < 0 {
			msg = "the count could not be read (" + strconv.Quote(rr.Row.ParamsText) + "); the arithmetic gives " + layers.Num(p) + " and the rows then add up to Total params: " + layers.Num(p) + " is used"
			rr.Row.ParamsText = layers.Num(p)
		} else {
			rr.Row.ParamsText = strings.Replace(rr.Row.ParamsText, readAs(rr.Row.ParamsText, f.read), readAs(rr.Row.ParamsText, p), 1)
		}
		rr.Status = layers.OK
		lines[rr.Row.Line] = true
		if f.read == p {
			// the count was right: what disagreed is a shape, which the picture may have misread
			msg = "read " + layers.Num(p) + ", which the arithmetic gives too (and the rows add up to Total params); a shape read beside it disagrees and may be misread"
		}
		s.Flags = append(s.Flags, Flag{Kind: KindRow, Severity: Note, Line: rr.Row.Line, Layer: rr.Row.Name, Message: msg})
	}
	// the findings over the counts as read go, and the totals are checked again
	var flags []Flag
	for _, f := range s.Flags {
		if f.Kind == KindRow && f.Severity != Note && lines[f.Line] || (f.Kind == KindTotal || f.Kind == KindTrainable || f.Kind == KindElided) && !readAgain(f) {
			continue
		}
		flags = append(flags, f)
	}
	s.Flags = append(flags, totalNote...)
	s.Notes = nil
	checkTotals(s)
	done := map[*RowResult]bool{}
	for _, f := range fixes {
		done[f.rr] = true
	}
	return done
}

// splitBySize reads again a Trainable or Non-trainable line of a picture that does not add up
// with the others where its own printed size gives what Total params leaves for it, and the count
// read does not ("Trainable params: 3,833 (11.85 KB)" under "Total params: 3,033 (11.85 KB)"): the
// digits were misread, and the size beside them was not. The totals are then checked again.
func splitBySize(s *Summary) {
	t := s.Table
	if t == nil {
		return
	}
	tt := &t.Totals
	if tt.Total == nil || tt.Trainable == nil || tt.NonTrainable == nil || *tt.Trainable+*tt.NonTrainable == *tt.Total {
		return
	}
	unit0 := "B"
	if t.Format != grammar.Keras3 {
		unit0 = "Byte"
	}
	fits := func(read, want int64, size string) bool {
		return size != "" && want >= 0 && !sizeIs(read, size, unit0) && sizeIs(want, size, unit0) &&
			digitEdits(strconv.FormatInt(read, 10), strconv.FormatInt(want, 10)) <= 2
	}
	var line int
	var label string
	var read, want int64
	switch {
	case fits(*tt.Trainable, *tt.Total-*tt.NonTrainable, tt.TrainSize):
		read, want, line, label = *tt.Trainable, *tt.Total-*tt.NonTrainable, tt.TrainLine, "Trainable"
		tt.Trainable = &want
	case fits(*tt.NonTrainable, *tt.Total-*tt.Trainable, tt.NonTrainSize):
		read, want, line, label = *tt.NonTrainable, *tt.Total-*tt.Trainable, tt.NonTrainLine, "Non-trainable"
		tt.NonTrainable = &want
	default:
		return
	}
	var flags []Flag
	for _, f := range s.Flags {
		if f.Kind != KindTotal && f.Kind != KindTrainable && f.Kind != KindElided || readAgain(f) {
			flags = append(flags, f)
		}
	}
	s.Flags = append(flags, Flag{Kind: KindTrainable, Severity: Note, Line: line,
		Message: label + " params read " + layers.Num(read) + "; its size and Total params give " + layers.Num(want) + ": " + layers.Num(want) + " is used"})
	s.Notes = nil
	checkTotals(s)
}

// sizeIs reports whether printed, a size as a picture reads it, is the size of n float32 weights:
// its number exactly, its unit by the first letter ("KD" and "K8" are misread "KB"s).
func sizeIs(n int64, printed, unit0 string) bool {
	want := formatSize(n*4, unit0)
	if want == printed {
		return true
	}
	wn, wu, ok1 := strings.Cut(want, " ")
	pn, pu, ok2 := strings.Cut(printed, " ")
	return ok1 && ok2 && wn == pn && pu != "" && wu[0] == pu[0]
}

// readAgain reports whether a flag is the note of a total line read again (it stays when the
// totals are checked again).
func readAgain(f Flag) bool {
	return f.Severity == Note && strings.HasSuffix(f.Message, " is used")
}

// totalBySize reports whether Total params, as read, is not the count its printed size gives, and
// sum, one or two digits from it, is: the Total line was misread, and the size beside it confirms
// sum.
func totalBySize(t *grammar.Table, sum int64) bool {
	size := t.Totals.TotalSize
	if size == "" || t.Totals.Total == nil || sum <= 0 {
		return false
	}
	unit0 := "B"
	if t.Format != grammar.Keras3 {
		unit0 = "Byte"
	}
	read := *t.Totals.Total
	return !sizeIs(read, size, unit0) && sizeIs(sum, size, unit0) &&
		digitEdits(strconv.FormatInt(read, 10), strconv.FormatInt(sum, 10)) <= 2
}

// repairJointly reads again together the counts of the rows that are mismatches as read, where
// each is one digit from a count its own layer gives on the same input (a digit misread, added or
// lost: "242" of 272, "16000" of 160,000), and exactly one choice of those counts makes the rows
// move by diff, what they lack of Total params. Two rows misread alike ("242" twice, which no
// single row's repair reconciles) are repaired only so: each by its own arithmetic, all of them
// by the totals. No choice, or more than one, repairs nothing.
func repairJointly(s *Summary, diff int64) ([]countFix, bool) {
	if diff == 0 {
		return nil, false
	}
	type choice struct {
		cand int64
		try  *RowResult
	}
	var rows []int
	var cands [][]choice
	combos := 1
	for i, rr := range s.Rows {
		r := rr.Row
		if rr.Status != layers.Mismatch || r.Params == nil || r.Depth != 0 || nests(s, i) {
			continue
		}
		var cs []choice
		for _, c := range oneDigitFrom(*r.Params) {
			if try := judgeAsIf(s, i, c); try.Status == layers.OK {
				cs = append(cs, choice{c, try})
			}
		}
		if len(cs) == 0 {
			return nil, false // a mismatch no misread digit explains: not this repair's to judge
		}
		rows, cands = append(rows, i), append(cands, cs)
		if combos *= len(cs); len(rows) > 4 || combos > 4096 {
			return nil, false
		}
	}
	if len(rows) < 2 {
		return nil, false // one row alone: repairByTotal's
	}
	var found []int // the index of each row's candidate, of the one fitting choice
	n := 0
	pick := make([]int, len(rows))
	var walk func(k int, moved int64)
	walk = func(k int, moved int64) {
		if n > 1 {
			return
		}
		if k == len(rows) {
			if moved == diff {
				n++
				found = append([]int(nil), pick...)
			}
			return
		}
		read := *s.Rows[rows[k]].Row.Params
		for j, c := range cands[k] {
			pick[k] = j
			walk(k+1, moved+c.cand-read)
		}
	}
	walk(0, 0)
	if n != 1 {
		return nil, false
	}
	var fixes []countFix
	for k, i := range rows {
		rr, c := s.Rows[i], cands[k][found[k]]
		read, row := *rr.Row.Params, rr.Row
		p := c.cand
		*rr = *c.try // the row as its layer explains the repaired count
		rr.Row, rr.Status, rr.Expected = row, layers.Mismatch, &p
		fixes = append(fixes, countFix{rr: rr, read: read})
	}
	return fixes, true
}

// repairFree reads again the one count that a free part of its layer lets be anything (an
// Embedding's vocabulary, a kernel the print does not show), where the rows lack diff of Total
// params and no row is a mismatch: the count one digit from what was read ("16000" of 160,000,
// a digit lost) that its layer gives on the same input and that makes the rows add up. Such a
// row agrees with itself whatever was read, so only the totals can tell; more than one row that
// fits, and nothing is repaired.
func repairFree(s *Summary, diff int64) (countFix, bool) {
	if diff == 0 {
		return countFix{}, false
	}
	var found []countFix
	var tries []*RowResult
	for i, rr := range s.Rows {
		r := rr.Row
		if rr.Status == layers.Mismatch {
			return countFix{}, false // the difference may be its: repairByTotal's to judge
		}
		if rr.Status != layers.OK || r.Params == nil || *r.Params == 0 || r.Depth != 0 || nests(s, i) {
			continue
		}
		cand := *r.Params + diff
		if cand <= 0 || digitEdits(strconv.FormatInt(*r.Params, 10), strconv.FormatInt(cand, 10)) != 1 {
			continue
		}
		if try := judgeAsIf(s, i, cand); try.Status == layers.OK {
			found = append(found, countFix{rr: rr, read: *r.Params})
			tries = append(tries, try)
		}
	}
	if len(found) != 1 {
		return countFix{}, false
	}
	rr, try := found[0].rr, tries[0]
	p := *try.Row.Params
	row := rr.Row
	*rr = *try
	rr.Row, rr.Status, rr.Expected = row, layers.Mismatch, &p
	found[0].free = true
	return found[0], true
}

// doubtFreeTicks makes unknown each row that agrees with a count the recogniser was unsure of
// only because a part of its layer that the print does not show is free to fit it (a kernel, an
// Embedding's vocabulary, an input the table does not print): where a count one digit from the
// one read fits its layer as well, the tick would rest on the misreadable digits alone ("13" of
// 513, its first digit lost, fitted by choosing an input). The printed totals confirm such a count
// where every top-level row has a count and they add up to Total params; the rows read again by
// the arithmetic (repaired) stand.
func doubtFreeTicks(s *Summary, pic *grammar.Picture, repaired map[*RowResult]bool) {
	t := s.Table
	if t == nil || pic == nil {
		return
	}
	if t.Totals.Total != nil {
		var sum int64
		whole := true
		for _, rr := range s.Rows {
			if rr.Row.Depth != 0 {
				continue
			}
			if rr.Row.Params == nil {
				whole = false
				break
			}
			sum += *rr.Row.Params
		}
		if t.Totals.Optimizer != nil {
			sum += *t.Totals.Optimizer
		}
		if whole && sum == *t.Totals.Total && len(cellDoubts(pic.On(t.Totals.Line, t.Totals.Line), strconv.FormatInt(sum, 10), layers.Num(sum))) == 0 {
			return
		}
	}
	for i, rr := range s.Rows {
		r := rr.Row
		if rr.Status != layers.OK || rr.Assumed == "" || r.Params == nil || repaired[rr] || nests(s, i) ||
			len(cellDoubts(pic.On(r.Line, r.EndLine), r.ParamsText)) == 0 {
			continue
		}
		other := int64(-1)
		for _, n := range oneDigitFrom(*r.Params) {
			if judgeAsIf(s, i, n).Status == layers.OK {
				other = n
				break
			}
		}
		if other < 0 {
			continue // the arithmetic from the printed shapes gives the count read, and no other near it
		}
		rr.Status = layers.Unknown
		rr.Expected = nil
		rr.Derivation = layers.D(fmt.Sprintf("read from a picture: the count %q may be misread, and its layer gives %s (one digit away) as well, the print not showing what fixes it, so this count is not judged",
			strings.TrimSpace(r.ParamsText), layers.Num(other)))
	}
}

// freeWhy names, in parentheses, the configuration a row's repaired count gives ("" for none).
func freeWhy(rr *RowResult) string {
	if rr.Config == "" || rr.Config == "no weights" {
		return ""
	}
	return " (" + rr.Config + ")"
}

// oneDigitFrom lists the positive counts one digit from n: a digit changed, added or dropped.
func oneDigitFrom(n int64) []int64 {
	d := strconv.FormatInt(n, 10)
	seen := map[int64]bool{n: true}
	var out []int64
	add := func(t string) {
		if len(t) == 0 || len(t) > 1 && t[0] == '0' {
			return
		}
		if v, err := strconv.ParseInt(t, 10, 64); err == nil && v > 0 && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	for i := 0; i <= len(d); i++ {
		for c := byte('0'); c <= '9'; c++ {
			add(d[:i] + string(c) + d[i:])
			if i < len(d) {
				add(d[:i] + string(c) + d[i+1:])
			}
		}
		if i < len(d) {
			add(d[:i] + d[i+1:])
		}
	}
	return out
}

// countFix is a count read again: its row, and what was read.
type countFix struct {
	rr   *RowResult
	read int64
	free bool // the layer gives the count read too: only the totals told (repairFree)
}

// repairByTotal finds the one doubtful row whose count, moved by diff (what the rows lack of Total
// params), is one or two characters from what was read and is a count its layer gives on the same
// input; the rows in skip are read again already. The row is judged again with it, and its
// Expected set; ok is false when no row, or more than one, fits.
func repairByTotal(s *Summary, diff int64, skip map[*RowResult]bool) (countFix, bool) {
	found, tries := byTotal(s, diff, skip)
	if len(found) != 1 {
		return countFix{}, false
	}
	rr, try := found[0].rr, tries[0]
	p := *try.Row.Params
	row := rr.Row
	*rr = *try // the row as its layer explains the repaired count: configuration, shape, weights
	rr.Row, rr.Status, rr.Expected = row, layers.Mismatch, &p
	return found[0], true
}

// byTotal lists the rows repairByTotal may read again, and each as judged with its count read so.
func byTotal(s *Summary, diff int64, skip map[*RowResult]bool) ([]countFix, []*RowResult) {
	if diff == 0 {
		return nil, nil
	}
	var found []countFix
	var tries []*RowResult
	for i, rr := range s.Rows {
		r := rr.Row
		if rr.Status != layers.Mismatch || r.Params == nil || r.Depth != 0 || nests(s, i) || skip[rr] {
			continue
		}
		cand, fits := addFits(*r.Params, diff)
		if diff < 0 {
			cand, fits = *r.Params+diff, true
		}
		if !fits || cand <= 0 || digitEdits(strconv.FormatInt(*r.Params, 10), strconv.FormatInt(cand, 10)) > 2 {
			continue
		}
		if try := judgeAsIf(s, i, cand); try.Status == layers.OK {
			found = append(found, countFix{rr: rr, read: *r.Params})
			tries = append(tries, try)
		}
	}
	return found, tries
}

// sizeTotals are the counts that Total params may have been misread from: one or two digits from
// the count read, each the count its printed size gives, where the count read is not.
func sizeTotals(t *grammar.Table) []int64 {
	size, tot := t.Totals.TotalSize, t.Totals.Total
	if size == "" || tot == nil {
		return nil
	}
	unit0 := "B"
	if t.Format != grammar.Keras3 {
		unit0 = "Byte"
	}
	if sizeIs(*tot, size, unit0) {
		return nil
	}
	var v float64
	var unit string
	if _, err := fmt.Sscanf(size, "%f %s", &v, &unit); err != nil {
		return nil
	}
	mult := 1.0
	switch unit[0] {
	case 'K':
		mult = 1024
	case 'M':
		mult = 1024 * 1024
	case 'G':
		mult = 1024 * 1024 * 1024
	}
	lo, hi := int64((v-0.005)*mult/4), int64((v+0.005)*mult/4)+1
	if lo < 0 || hi-lo > 1<<16 {
		return nil
	}
	read := strconv.FormatInt(*tot, 10)
	var out []int64
	for n := lo; n <= hi; n++ {
		if sizeIs(n, size, unit0) && digitEdits(read, strconv.FormatInt(n, 10)) <= 2 {
			out = append(out, n)
		}
	}
	return out
}

// readAs writes n as a count cell wrote its numbers: with thousands separators or without.
func readAs(cell string, n int64) string {
	if strings.Contains(cell, ",") {
		return layers.Num(n)
	}
	return strconv.FormatInt(n, 10)
}

// digitEdits is the number of digits to change, add or drop to turn a into b.
func digitEdits(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			sub := prev[j-1]
			if a[i-1] != b[j-1] {
				sub++
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, sub)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
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

// nests reports whether row i is a nested model's row with the rows of its layers under it.
func nests(s *Summary, i int) bool {
	return i+1 < len(s.Rows) && s.Rows[i+1].Row.Depth > s.Rows[i].Row.Depth
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

// digitsOf is the digits of a cell, in order.
func digitsOf(cell string) string {
	var b strings.Builder
	for _, c := range cell {
		if c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// rowFlagMessage is the message of the row finding at a line: what the arithmetic says of the row
// as read ("no Dense(50) on 16 inputs has 50; nearest: …"); "" when there is none.
func rowFlagMessage(s *Summary, line int) string {
	for _, f := range s.Flags {
		if f.Kind == KindRow && f.Line == line {
			return f.Message
		}
	}
	return ""
}
