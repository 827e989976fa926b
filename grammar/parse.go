package grammar

import (
	"strings"
)

// Parse finds every summary table (and the other things kexplain reads) in a pasted text. It
// never fails: what it cannot read is reported in Document.Errors or a table's Problems.
func Parse(src string) (doc *Document) {
	doc = &Document{}
	defer func() {
		if r := recover(); r != nil {
			doc.Errors = append(doc.Errors, &Error{Line: 1, Col: 1, Msg: "internal error while reading the input (please report): " + toString(r)})
		}
	}()
	lines := splitLines(src)
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
	var errs []*Error
	doc.Code, errs = snippets(lines)
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
