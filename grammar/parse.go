package grammar

import (
	"runtime"
	"strings"
	"sync"
	"unicode"

	"github.com/kexplain/kexplain/normalize"
)

// Parse finds every summary table (and the other things kexplain reads) in a pasted text. It
// never fails: what it cannot read is reported in Document.Errors, Document.Notes or a table's
// Problems.
//
// A panic here is a bug: it is not recovered, so that the front ends report it as an internal
// error (exit status 3, with where it happened) and the fuzz targets find it.
func Parse(src string) (doc *Document) {
	doc = &Document{}
	if !pyBuilding.Load() && runtime.GOMAXPROCS(0) > 1 && len(src) <= maxWarmInput {
		pyWarm.Do(func() { go buildPython(src) })
	}
	text := normalize.Normalize(src)
	doc.Lines = text.Input
	lines := linesOf(text.Lines)
	plain := linesOf(text.Plain)
	parsed := codeParts(plain).parseAside()
	f := newFinder(lines)
	for _, r := range f.find() {
		if f.torchRegion(r) {
			doc.Foreign = append(doc.Foreign, &Foreign{Kind: "torchsummary", StartLine: f.lines[r.start].no, EndLine: f.lines[r.last()].no})
			continue
		}
		t := f.build(r)
		if t == nil {
			continue
		}
		if kind := foreignKind(t, lines, r.last()+1); kind != "" {
			doc.Foreign = append(doc.Foreign, &Foreign{Kind: kind, StartLine: t.StartLine, EndLine: t.EndLine})
			continue
		}
		doc.Tables = append(doc.Tables, t)
	}
	doc.Notes = append(doc.Notes, f.notes...)
	doc.Empty = append(doc.Empty, f.empty...)
	snippets, foreign, errs := parsed()
	doc.Code = snippets
	doc.Foreign = append(doc.Foreign, foreign...)
	doc.Errors = append(doc.Errors, errs...)
	doc.Numbers = numberLists(lines)
	doc.Claims = claims(plain)
	return doc
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

// torchRegion reports a region whose body lines are PyTorch's ("Conv2d-1  [-1, 64, 112, 112]"),
// read or not.
func (f *finder) torchRegion(r region) bool {
	n, torch := 0, 0
	for i := r.start; i < r.end; i++ {
		t := normalize.TrimSpace(f.lines[i].text)
		if f.kinds[i] == lkBlank || f.kinds[i].rule() || f.kinds[i] == lkHeader || f.kinds[i] == lkTitle || t == "" {
			continue
		}
		n++
		if strings.Contains(t, "[-1,") {
			torch++
			continue
		}
		if t[0] < 'A' || t[0] > 'Z' {
			continue // no torch name starts so (a box line, a Keras name): the first word is not looked for
		}
		w := t // its first word, as strings.Fields would give it, without splitting the rest
		if k := strings.IndexFunc(t, unicode.IsSpace); k >= 0 {
			w = t[:k]
		}
		if isTorchName(w) {
			torch++
		}
	}
	return n > 0 && torch*2 >= n
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
			if cur != nil && l.mask&cDigit == 0 && normalize.TrimSpace(l.text) == "" {
				continue
			}
			flush()
			continue
		}
		t := normalize.TrimSpace(strings.TrimLeft(normalize.TrimSpace(l.text), ">#"))
		if t == "" {
			continue // a blank line inside a run (forum re-wrapping)
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

// maxWarmInput bounds the inputs whose raw text is looked at for Python before normalising: on a
// larger one the build is a small part of the run, and the look would cost memory of its own.
const maxWarmInput = 1 << 20

// pyWarm makes the first Parse of a process look for Python in the raw text (later ones find
// the grammar built, or have nothing to overlap it with that the first did not).
var pyWarm sync.Once

// buildPython builds the Python grammar, on a core of its own, when the raw text already shows
// Python code, so that the build overlaps normalising the text and reading the tables; parsing
// the code waits for it (pyParser is a sync.OnceValue). The raw lines are judged by the same
// code finder that reads the normalised ones later (showsPython), so a paste without Python does
// not build it; code that only normalising shows (escaped HTML, say) has it built when parsed.
func buildPython(src string) {
	defer func() { _ = recover() }() // a panic is raised again where the code is parsed
	growStack()
	if showsPython(rawLines(src)) {
		pyParser()
	}
}

// rawLines are the input's lines as they are, for finding code before normalising.
func rawLines(src string) []line {
	out := make([]line, 0, strings.Count(src, "\n")+1)
	for k, s := range strings.Split(src, "\n") {
		s = strings.TrimSuffix(s, "\r")
		out = append(out, line{no: k + 1, text: s, mask: classes(s)})
	}
	return out
}
