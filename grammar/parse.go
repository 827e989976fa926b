package grammar

import (
	"strings"
)

// Parse finds every summary table (and the other things kexplain reads) in a pasted text. It
// never fails: what it cannot read is reported in Document.Errors or a table's Problems.
//
// A panic here is a bug: it is not recovered, so that the front ends report it as an internal
// error (exit status 3) and the fuzz targets find it.
func Parse(src string) (doc *Document) {
	doc = &Document{}
	lines := undouble(splitLines(src))
	doc.Lines = len(lines)
	s := &regionScanner{lines: lines, doc: doc}
	for i := 0; i < len(lines); i++ {
		if lines[i].mask&cParen == 0 || !isHeaderText(lines[i].text) {
			if !isWrappedBoxHeader(lines, i) {
				continue
			}
		}
		t, next := s.scanTable(i)
		if t != nil {
			if kind := foreignKind(t, lines, next); kind != "" {
				doc.Foreign = append(doc.Foreign, &Foreign{Kind: kind, StartLine: t.StartLine, EndLine: t.EndLine})
			} else {
				doc.Tables = append(doc.Tables, t)
			}
		}
		if next > i {
			i = next - 1
		}
	}
	headless(s, lines)
	code, foreign, errs := findCode(lines)
	doc.Code = code
	doc.Foreign = append(doc.Foreign, foreign...)
	doc.Errors = append(doc.Errors, errs...)
	doc.Numbers = numberLists(lines)
	doc.Claims = claims(lines)
	return doc
}

func toString(v any) string {
	switch x := v.(type) {
	case error:
		return x.Error()
	case string:
		return x
	}
	return "panic"
}

// foreignKind recognises a PyTorch table that reads like a Keras one: torchsummary prints
// "Layer (type)  Output Shape  Param #" too, with rows "Conv2d-1  [-1, 64, 112, 112]  1,792".
func foreignKind(t *Table, lines []line, next int) string {
	torch := 0
	for _, r := range t.Rows {
		if strings.HasPrefix(r.OutputText, "[-1") || isTorchName(r.Name) {
			torch++
		}
	}
	if len(t.Rows) > 0 && torch*2 >= len(t.Rows) {
		return "torchsummary"
	}
	for k := next; k < len(lines) && k < next+6; k++ {
		if strings.Contains(lines[k].text, "Params size (MB)") || strings.Contains(lines[k].text, "Forward/backward pass size") {
			return "torchsummary"
		}
	}
	return ""
}

// isTorchName reports names like "Conv2d-1", "ReLU-12".
func isTorchName(n string) bool {
	i := strings.LastIndexByte(n, '-')
	if i <= 0 || i == len(n)-1 {
		return false
	}
	return allDigits(n[i+1:]) && n[0] >= 'A' && n[0] <= 'Z'
}

// numberLists finds runs of three or more lines that each hold one bare integer (after quote
// markers): the output of a loop printing running sums of get_weights() arrays.
func numberLists(lines []line) []*NumList {
	var out []*NumList
	var cur *NumList
	flush := func() {
		if cur != nil && len(cur.Values) >= 3 {
			out = append(out, cur)
		}
		cur = nil
	}
	for _, l := range lines {
		if l.mask&cOther != 0 {
			if cur != nil && l.mask&cDigit == 0 && strings.TrimSpace(l.text) == "" {
				continue
			}
			flush()
			continue
		}
		t := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l.text), ">#"))
		if t == "" {
			if cur != nil && len(cur.Values) > 0 {
				continue // a blank line inside a run (forum re-wrapping)
			}
			continue
		}
		if n, _ := parseCount(t); n != nil && len(t) <= 15 {
			if cur == nil {
				cur = &NumList{Line: l.no}
			}
			cur.Values = append(cur.Values, *n)
			cur.Lines = append(cur.Lines, l.no)
			continue
		}
		flush()
	}
	flush()
	return out
}

// isWrappedBoxHeader reports a Keras 3 header row too narrow for "Layer (type)" on one line:
// "┃ Layer   ┃ …" under the top border, "┃ (type)  ┃ …" below it.
func isWrappedBoxHeader(lines []line, i int) bool {
	if lines[i].mask&cSpecial == 0 || i == 0 || i+1 >= len(lines) {
		return false
	}
	t := strings.TrimLeft(lines[i].text, " >#")
	if !strings.HasPrefix(t, "┃") || !strings.Contains(t, "Layer") {
		return false
	}
	prev := strings.TrimLeft(lines[i-1].text, " >#")
	next := strings.TrimLeft(lines[i+1].text, " >#")
	return strings.HasPrefix(prev, "┏") && strings.HasPrefix(next, "┃") && strings.Contains(next, "(type)")
}

// headless finds tables pasted without their header: above a "Total params:" line that no table
// holds, a run of lines that read as rows. The table is read as if a plain header stood above its
// first row (columns unknown: the cells are read by what they hold).
func headless(s *regionScanner, lines []line) {
	for i := range lines {
		if lines[i].mask&cColon == 0 || !strings.HasPrefix(strings.TrimLeft(lines[i].text, " >#-*"), "Total params:") || inTable(s.doc, lines[i].no) {
			continue
		}
		first, rows, conn, tfjs := -1, 0, false, false
		blanks := 0
		for k := i - 1; k >= 0 && k >= i-2000; k-- {
			t := strings.TrimSpace(strings.TrimLeft(lines[k].text, " >#"))
			switch {
			case t == "":
				blanks++
				if blanks > 1 {
					k = -1
				}
				continue
			case isRuleText(t):
				blanks = 0
				continue
			case isHeaderText(t) || isTitleText(t):
				k = -1
				continue
			}
			if _, _, ok := rowScan(t, cols{input: -1, output: -1, params: -1, conn: 0, trainable: -1}, nil); !ok {
				if rows > 0 && looksContinuation(lines[k].text, 0) {
					continue
				}
				break
			}
			blanks = 0
			rows++
			first = k
			conn = conn || strings.Contains(t, "[0][0]")
			tfjs = tfjs || strings.Contains(t, "[[null")
		}
		if rows < 2 || inTable(s.doc, lines[first].no) {
			continue
		}
		hdr := "Layer (type) Output Shape Param #"
		switch {
		case tfjs:
			hdr = "Layer (type) Input Shape Output shape Param #"
		case conn:
			hdr = "Layer (type) Output Shape Param # Connected to"
		}
		sub := append([]line{}, lines[:first]...)
		sub = append(sub, line{no: lines[first].no, text: hdr, tabs: true, mask: classes(hdr)})
		sub = append(sub, lines[first:]...)
		hs := &regionScanner{lines: sub, doc: s.doc}
		if t, next := hs.scanTable(first); t != nil && len(t.Rows) > 0 && foreignKind(t, sub, next) == "" {
			t.Problems = append(t.Problems, &Error{Line: lines[first].no, Col: 1, Msg: "the table has no header line; its columns were read from the rows"})
			s.doc.Tables = append(s.doc.Tables, t)
		}
	}
	sortTables(s.doc)
}

func inTable(doc *Document, no int) bool {
	for _, t := range doc.Tables {
		if no >= t.StartLine && no <= t.EndLine {
			return true
		}
	}
	for _, f := range doc.Foreign {
		if no >= f.StartLine && no <= f.EndLine+8 {
			return true
		}
	}
	return false
}

// sortTables keeps the tables in input order.
func sortTables(doc *Document) {
	ts := doc.Tables
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j].StartLine < ts[j-1].StartLine; j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}

// undouble removes the blank lines that some pages and mail clients put after every line of a
// paste: when nearly every line is followed by a blank one, a run of k blank lines stands for
// (k-1)/2 of the original.
func undouble(lines []line) []line {
	nonblank, followed := 0, 0
	for i, l := range lines {
		t := strings.TrimSpace(l.text)
		if t == "" {
			continue
		}
		nonblank++
		if i+1 < len(lines) && strings.TrimSpace(lines[i+1].text) == "" {
			followed++
		} else if isRuleText(strings.TrimLeft(t, ">#/ ")) || isHeaderText(t) {
			// a table's rules and header are followed by a blank line only in doubled text (a
			// wrapped tf.keras table has blank lines after its rows, never after these)
			return lines
		}
	}
	if nonblank < 10 || followed*20 < nonblank*19 {
		return lines
	}
	out := make([]line, 0, len(lines)/2+1)
	for i := 0; i < len(lines); {
		if strings.TrimSpace(lines[i].text) != "" {
			out = append(out, lines[i])
			i++
			continue
		}
		j := i
		for j < len(lines) && strings.TrimSpace(lines[j].text) == "" {
			j++
		}
		for k := 0; k < (j-i-1)/2; k++ {
			out = append(out, lines[i+1+2*k])
		}
		i = j
	}
	return out
}
